using Berth.Client;
using Berth.Index.Tokens;
using Berth.Tokens;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Berth.Replication.Execution;

/// <summary>
/// This node's registry as replication reads and writes it: over its own /v2 API (the same checks, events and
/// metadata as any client's push), with tokens the index signs for itself, addressed to this registry's service.
/// </summary>
internal sealed class LocalRegistry(IOptions<ReplicationOptions> options, IOptions<AuthOptions> auth, TokenIssuer issuer, IServer server)
{
    private Uri? _url;

    /// <summary>Replication:LocalUrl, or the address the server listens on (a wildcard address read as loopback).</summary>
    public Uri Url => _url ??= options.Value.LocalUrl ?? Listening();

    public RegistryClient CreateClient(int connections) => RegistryClient.Create(new RegistryClientOptions
    {
        BaseAddress = Url,
        MaxConnectionsPerServer = Math.Max(4, connections * 2),
        Timeout = Timeout.InfiniteTimeSpan,
        TokenProvider = (request, ct) => issuer.SignChallengeAsync(auth.Value.Service, request, ct),
        SuppliedTokenLifetime = TimeSpan.FromSeconds(30),
    });

    private Uri Listening()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The server listens nowhere yet; set Replication:LocalUrl.");
        var uri = new UriBuilder(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (uri.Host is "0.0.0.0" or "[::]" or "::" or "localhost")
        {
            uri.Host = "127.0.0.1";
        }

        uri.Path = "/";
        return uri.Uri;
    }
}
