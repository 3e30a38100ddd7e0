using Berth.Storage.Swift.Auth;

namespace Berth.Storage.Glance.Client;

/// <summary>For a Glance without Keystone: the configured endpoint, and no token.</summary>
internal sealed class NoAuthenticator(Uri endpoint) : ISwiftAuthenticator
{
    public Task<SwiftCredentials> AuthenticateAsync(HttpClient http, CancellationToken cancellationToken) =>
        Task.FromResult(new SwiftCredentials(endpoint, string.Empty, null));
}
