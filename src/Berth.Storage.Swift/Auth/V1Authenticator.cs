using System.Globalization;

namespace Berth.Storage.Swift.Auth;

/// <summary>Swift v1 auth (tempauth, swauth): GET the auth URL with X-Auth-User/X-Auth-Key.</summary>
internal sealed class V1Authenticator(Uri authUrl, string user, string key, Uri? storageUrlOverride, TimeProvider time) : ISwiftAuthenticator
{
    public async Task<SwiftCredentials> AuthenticateAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, authUrl);
        request.Headers.Add("X-Auth-User", user);
        request.Headers.Add("X-Auth-Key", key);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Swift v1 auth at {authUrl} failed for user '{user}': {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
        }

        var token = Header(response, "X-Auth-Token") ?? Header(response, "X-Storage-Token")
            ?? throw new HttpRequestException($"Swift v1 auth at {authUrl} returned no X-Auth-Token.");
        var storageUrl = storageUrlOverride ?? new Uri(Header(response, "X-Storage-Url")
            ?? throw new HttpRequestException($"Swift v1 auth at {authUrl} returned no X-Storage-Url."));
        DateTimeOffset? expiresAt = long.TryParse(Header(response, "X-Auth-Token-Expires"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? time.GetUtcNow().AddSeconds(seconds)
            : null;
        return new SwiftCredentials(storageUrl, token, expiresAt);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
