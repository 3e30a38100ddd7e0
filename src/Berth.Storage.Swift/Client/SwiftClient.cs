using System.Net;
using System.Text;
using Berth.Storage.Swift.Auth;
using Microsoft.Extensions.Logging;

namespace Berth.Storage.Swift.Client;

/// <summary>
/// Authenticated requests to one Swift account, through the clients of <see cref="SwiftHttpClients"/>. Requests built
/// by a callback are replayable: the resilience handler retries them on transient failures, and they are sent once
/// more after a 401 with a fresh token. Streamed uploads cannot be replayed, so they get a token that will outlive
/// them instead.
/// </summary>
internal sealed class SwiftClient(IHttpClientFactory http, string clientName, ISwiftAuthenticator authenticator, TimeProvider time, ILogger logger) : IDisposable
{
    private static readonly TimeSpan StreamingTokenMargin = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan ReplayableTokenMargin = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _authLock = new(1, 1);
    private SwiftCredentials? _credentials;

    public async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string relativeUrl, Action<HttpRequestMessage>? configure, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        for (var reauthenticated = false; ; reauthenticated = true)
        {
            var credentials = await GetCredentialsAsync(ReplayableTokenMargin, cancellationToken);
            using var request = new HttpRequestMessage(method, Resolve(credentials, relativeUrl));
            AddToken(request, credentials);
            configure?.Invoke(request);
            var response = await http.CreateClient(clientName).SendAsync(request, completion, cancellationToken);
            if (response.StatusCode != HttpStatusCode.Unauthorized || reauthenticated)
            {
                return response;
            }

            response.Dispose();
            Log.TokenRejected(logger, method, relativeUrl);
            Invalidate(credentials);
        }
    }

    /// <summary>Sends a request whose body is produced while it is sent; tried once.</summary>
    public async Task<HttpResponseMessage> SendStreamingAsync(HttpMethod method, string relativeUrl, HttpContent content, CancellationToken cancellationToken)
    {
        var credentials = await GetCredentialsAsync(StreamingTokenMargin, cancellationToken);
        using var request = new HttpRequestMessage(method, Resolve(credentials, relativeUrl)) { Content = content };
        AddToken(request, credentials);
        request.Headers.TransferEncodingChunked = true;
        var response = await http.CreateClient(SwiftHttpClients.Streaming(clientName)).SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            Invalidate(credentials);
        }

        return response;
    }

    public async Task<SwiftCredentials> GetCredentialsAsync(TimeSpan margin, CancellationToken cancellationToken)
    {
        var current = _credentials;
        if (current is not null && !current.ExpiresWithin(time, margin))
        {
            return current;
        }

        await _authLock.WaitAsync(cancellationToken);
        try
        {
            current = _credentials;
            if (current is null || current.ExpiresWithin(time, margin))
            {
                current = await authenticator.AuthenticateAsync(http.CreateClient(clientName), cancellationToken);
                Log.Authenticated(logger, current.StorageUrl, current.ExpiresAt);
                _credentials = current;
            }

            return current;
        }
        finally
        {
            _authLock.Release();
        }
    }

    /// <summary>Escapes a container or object name for a URL path, keeping '/' between segments.</summary>
    public static string Escape(string name)
    {
        var builder = new StringBuilder(name.Length + 16);
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or '/')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    public static HttpRequestException Failure(HttpResponseMessage response, string what) =>
        new($"Swift {response.RequestMessage?.Method} {what} failed: {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);

    public void Dispose() => _authLock.Dispose();

    /// <summary>An empty token stands for a service that takes none (a Glance without Keystone).</summary>
    private static void AddToken(HttpRequestMessage request, SwiftCredentials credentials)
    {
        if (credentials.Token.Length > 0)
        {
            request.Headers.Add("X-Auth-Token", credentials.Token);
        }
    }

    private void Invalidate(SwiftCredentials rejected) => Interlocked.CompareExchange(ref _credentials, null, rejected);

    private static Uri Resolve(SwiftCredentials credentials, string relativeUrl) =>
        new(credentials.StorageUrl.AbsoluteUri.TrimEnd('/') + "/" + relativeUrl);
}
