using Berth.Registry.Notifications;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Berth.Registry.Api.Http;

/// <summary>The first address the web server reports, for the domain's <see cref="IListeningAddress"/>.</summary>
internal sealed class ServerListeningAddress(IServer server) : IListeningAddress
{
    public Uri? Address =>
        server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() is { } listening
        && Uri.TryCreate(listening, UriKind.Absolute, out var uri)
            ? uri
            : null;
}
