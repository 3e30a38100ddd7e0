using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Berth.Client.Content;

namespace Berth.Client.Auth;

/// <summary>
/// Answers registry auth challenges: Basic with the configured credentials, or Bearer by fetching a token from the
/// challenge's realm for its service and scope. Tokens are cached per scope, and the scope last used for a repository
/// and access kind is remembered so later requests (including ones with streamed bodies that cannot be resent) carry
/// the token up front.
/// </summary>
internal sealed class RegistryAuthHandler : DelegatingHandler
{
    private static readonly string[] RepositoryMarkers = ["/blobs/", "/manifests/", "/tags/", "/referrers/"];
    private static readonly TimeSpan DefaultTokenLifetime = TimeSpan.FromSeconds(60);

    private readonly string? _basicCredentials;
    private readonly Func<BearerTokenRequest, CancellationToken, ValueTask<string>>? _tokenProvider;
    private readonly TimeSpan _suppliedTokenLifetime;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, BearerToken> _tokensByScope = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, AuthChallenge> _challengeByResource = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _tokenFetch = new(1, 1);
    private volatile bool _useBasic;

    public RegistryAuthHandler(HttpMessageHandler inner, RegistryClientOptions options, TimeProvider time)
        : base(inner)
    {
        _time = time;
        _tokenProvider = options.TokenProvider;
        _suppliedTokenLifetime = options.SuppliedTokenLifetime;
        if (options.Username is not null)
        {
            _basicCredentials = Convert.ToBase64String(Encoding.UTF8.GetBytes(options.Username + ":" + (options.Password ?? string.Empty)));
        }
    }

    /// <summary>How many tokens were fetched from a realm; tests use it to see that tokens are reused.</summary>
    public int TokenFetches { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var resource = ResourceKey(request);
        await AuthorizeAsync(request, resource, cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        var challenge = AuthChallenge.Select(response.Headers.WwwAuthenticate);
        if (challenge is null || (challenge.IsBasic && (_basicCredentials is null || _useBasic)))
        {
            return response;
        }

        if (challenge.IsBearer)
        {
            var known = _challengeByResource.TryGetValue(resource, out var previous) ? previous : null;
            if (known == challenge && _tokensByScope.ContainsKey(ScopeKey(challenge)))
            {
                // The token for this very challenge was just refused: asking again would loop.
                return response;
            }

            _challengeByResource[resource] = challenge;
        }
        else
        {
            _useBasic = true;
        }

        response.Dispose();
        request.Headers.Authorization = null;
        await AuthorizeAsync(request, resource, cancellationToken);
        return await base.SendAsync(request, cancellationToken);
    }

    private async Task AuthorizeAsync(HttpRequestMessage request, string resource, CancellationToken cancellationToken)
    {
        if (_challengeByResource.TryGetValue(resource, out var challenge))
        {
            var token = await GetTokenAsync(challenge, cancellationToken);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        else if (_useBasic && _basicCredentials is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", _basicCredentials);
        }
    }

    private async Task<string> GetTokenAsync(AuthChallenge challenge, CancellationToken cancellationToken)
    {
        var key = ScopeKey(challenge);
        if (TryGetFresh(key, out var cached))
        {
            return cached;
        }

        await _tokenFetch.WaitAsync(cancellationToken);
        try
        {
            if (TryGetFresh(key, out cached))
            {
                return cached;
            }

            var token = await FetchTokenAsync(challenge, cancellationToken);
            _tokensByScope[key] = token;
            return token.Value;
        }
        finally
        {
            _tokenFetch.Release();
        }
    }

    private bool TryGetFresh(string key, out string token)
    {
        token = string.Empty;
        if (_tokensByScope.TryGetValue(key, out var cached) && cached.RenewAt > _time.GetUtcNow())
        {
            token = cached.Value;
            return true;
        }

        return false;
    }

    private async Task<BearerToken> FetchTokenAsync(AuthChallenge challenge, CancellationToken cancellationToken)
    {
        if (_tokenProvider is not null)
        {
            var scopes = (challenge.Scope ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var supplied = await _tokenProvider(new BearerTokenRequest(challenge.Service, scopes), cancellationToken);
            TokenFetches++;
            return new BearerToken(supplied, _time.GetUtcNow() + (_suppliedTokenLifetime * 0.9));
        }

        var query = new StringBuilder();
        if (challenge.Service is not null)
        {
            query.Append("service=").Append(Uri.EscapeDataString(challenge.Service));
        }

        foreach (var scope in (challenge.Scope ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            query.Append(query.Length > 0 ? "&" : string.Empty).Append("scope=").Append(Uri.EscapeDataString(scope));
        }

        var realm = new UriBuilder(challenge.Realm!) { Query = query.ToString() }.Uri;
        using var tokenRequest = new HttpRequestMessage(HttpMethod.Get, realm);
        if (_basicCredentials is not null)
        {
            tokenRequest.Headers.Authorization = new AuthenticationHeaderValue("Basic", _basicCredentials);
        }

        var issuedAt = _time.GetUtcNow();
        using var response = await base.SendAsync(tokenRequest, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new RegistryClientException(response.StatusCode, null, $"The token endpoint {realm.GetLeftPart(UriPartial.Path)} answered {(int)response.StatusCode}.");
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var parsed = await JsonSerializer.DeserializeAsync(body, OciJsonContext.Default.TokenResponse, cancellationToken);
        var value = parsed?.Token ?? parsed?.AccessToken
            ?? throw new RegistryClientException("The token endpoint answered without a token.");
        TokenFetches++;
        var lifetime = parsed!.ExpiresIn is > 0 ? TimeSpan.FromSeconds(parsed.ExpiresIn.Value) : DefaultTokenLifetime;

        // Renew a little early so a token never expires between being attached and being checked.
        return new BearerToken(value, issuedAt + (lifetime * 0.9));
    }

    private static string ScopeKey(AuthChallenge challenge) => challenge.Realm + "|" + challenge.Service + "|" + challenge.Scope;

    /// <summary>Repository plus pull or push: requests sharing it are granted by the same token scope.</summary>
    private static string ResourceKey(HttpRequestMessage request)
    {
        var path = request.RequestUri?.AbsolutePath ?? string.Empty;
        var repository = string.Empty;
        foreach (var marker in RepositoryMarkers)
        {
            var at = path.LastIndexOf(marker, StringComparison.Ordinal);
            if (at > 4 && path.StartsWith("/v2/", StringComparison.Ordinal))
            {
                repository = path[4..at];
                break;
            }
        }

        var readOnly = request.Method == HttpMethod.Get || request.Method == HttpMethod.Head;
        return repository + (readOnly ? ":pull" : ":push");
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _tokenFetch.Dispose();
        }

        base.Dispose(disposing);
    }

    private sealed record BearerToken(string Value, DateTimeOffset RenewAt);
}
