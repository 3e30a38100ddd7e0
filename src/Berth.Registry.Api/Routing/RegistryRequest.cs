using Berth.Registry.Names;
using Microsoft.AspNetCore.Http;

namespace Berth.Registry.Api.Routing;

/// <summary>A /v2 request past routing and the access check: its repository (none for base and catalog) and last path segment.</summary>
internal sealed record RegistryRequest(HttpContext Context, RepositoryName? Name, string Argument)
{
    public RepositoryName Repository => Name ?? throw new InvalidOperationException("This route has no repository.");
}
