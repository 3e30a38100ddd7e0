using System.Net.Http.Json;
using Berth.Storage.Swift.Client;
using Berth.Storage.Swift.Configuration;

namespace Berth.Storage.Swift.Auth;

/// <summary>
/// Keystone v3 password authentication: POST {AuthUrl}/auth/tokens with a project scope; the token comes in
/// X-Subject-Token and the endpoint is the catalog's entry of the settings' service type (object-store for Swift, image
/// for Glance) for the configured interface and region.
/// </summary>
internal sealed class KeystoneV3Authenticator(KeystoneSettings options) : ISwiftAuthenticator
{
    public KeystoneV3Authenticator(SwiftStorageOptions options)
        : this(KeystoneSettings.ForSwift(options))
    {
    }

    public async Task<SwiftCredentials> AuthenticateAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var tokensUrl = TokensUrl(options.AuthUrl);
        var project = string.IsNullOrEmpty(options.ProjectId)
            ? new KeystoneProject(null, options.ProjectName, new KeystoneNamed(options.ProjectDomainName))
            : new KeystoneProject(options.ProjectId, null, null);
        var body = new KeystoneAuthRequest(new KeystoneAuth(
            new KeystoneIdentity(["password"], new KeystonePassword(new KeystoneUser(options.Username, new KeystoneNamed(options.UserDomainName), options.Password))),
            new KeystoneScope(project)));

        using var response = await http.PostAsJsonAsync(tokensUrl, body, SwiftJsonContext.Default.KeystoneAuthRequest, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Keystone v3 auth at {tokensUrl} failed for user '{options.Username}': {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
        }

        var token = response.Headers.TryGetValues("X-Subject-Token", out var values) ? values.FirstOrDefault() : null;
        if (string.IsNullOrEmpty(token))
        {
            throw new HttpRequestException($"Keystone v3 auth at {tokensUrl} returned no X-Subject-Token.");
        }

        var content = await response.Content.ReadFromJsonAsync(SwiftJsonContext.Default.KeystoneTokenResponse, cancellationToken);
        var storageUrl = options.EndpointOverride ?? FindEndpoint(content?.Token?.Catalog, tokensUrl);
        return new SwiftCredentials(storageUrl, token, content?.Token?.ExpiresAt);
    }

    internal static Uri TokensUrl(Uri authUrl)
    {
        var text = authUrl.AbsoluteUri.TrimEnd('/');
        if (text.EndsWith("/auth/tokens", StringComparison.Ordinal))
        {
            return new Uri(text);
        }

        return new Uri(text.EndsWith("/v3", StringComparison.Ordinal) ? text + "/auth/tokens" : text + "/v3/auth/tokens");
    }

    private Uri FindEndpoint(KeystoneService[]? catalog, Uri tokensUrl)
    {
        var endpoint = (catalog ?? [])
            .Where(s => string.Equals(s.Type, options.ServiceType, StringComparison.Ordinal))
            .SelectMany(s => s.Endpoints ?? [])
            .FirstOrDefault(e => string.Equals(e.Interface, options.Interface, StringComparison.OrdinalIgnoreCase)
                && (string.IsNullOrEmpty(options.Region)
                    || string.Equals(e.Region, options.Region, StringComparison.Ordinal)
                    || string.Equals(e.RegionId, options.Region, StringComparison.Ordinal))
                && !string.IsNullOrEmpty(e.Url));
        return endpoint is null
            ? throw new HttpRequestException($"Keystone at {tokensUrl} lists no {options.ServiceType} endpoint with interface '{options.Interface}'{(string.IsNullOrEmpty(options.Region) ? "" : $" in region '{options.Region}'")}.")
            : new Uri(endpoint.Url!);
    }
}
