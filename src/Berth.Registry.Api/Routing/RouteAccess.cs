using Berth.Registry.Api.Auth;
using Berth.Registry.Api.Http;
using Berth.Registry.Names;

namespace Berth.Registry.Api.Routing;

/// <summary>The access a /v2 route needs; repository access is scoped to the request's repository.</summary>
internal enum RouteAccess
{
    Base,
    Catalog,
    Pull,
    PullPush,
    Delete,
}

internal static class RouteAccessExtensions
{
    public static RegistryAccess For(this RouteAccess access, RepositoryName? name) => access switch
    {
        RouteAccess.Base => RegistryAccess.Base,
        RouteAccess.Catalog => RegistryAccess.Catalog,
        RouteAccess.Pull => Repository(name, RequestGuard.Pull),
        RouteAccess.PullPush => Repository(name, RequestGuard.Pull, RequestGuard.Push),
        RouteAccess.Delete => Repository(name, RequestGuard.Delete),
        _ => throw new ArgumentOutOfRangeException(nameof(access), access, null),
    };

    private static RegistryAccess Repository(RepositoryName? name, params string[] actions) =>
        RegistryAccess.Repository((name ?? throw new InvalidOperationException("Repository access needs a repository name.")).Value, actions);
}
