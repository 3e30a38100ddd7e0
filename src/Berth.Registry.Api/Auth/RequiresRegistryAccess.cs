namespace Berth.Registry.Api.Auth;

/// <summary>
/// Endpoint metadata: the access a route needs before its handler runs. <see cref="Access"/> is null on the single
/// /v2 endpoint, whose routes declare their access row by row in <see cref="Routing.RegistryRouteTable"/>.
/// </summary>
internal sealed record RequiresRegistryAccess(RegistryAccess? Access)
{
    public static readonly RequiresRegistryAccess PerRegistryRoute = new((RegistryAccess?)null);
}
