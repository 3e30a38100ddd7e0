using Berth.Registry.Api.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Berth.Registry.Api;

public static class RegistryApiExtensions
{
    /// <summary>Registers the registry API's services; the storage driver and registry stores are registered apart.</summary>
    public static IServiceCollection AddRegistryApi(this IServiceCollection services)
    {
        services.TryAddSingleton<IRegistryAccessGuard, OpenAccessGuard>();
        return services;
    }

    /// <summary>Maps the OCI distribution API under /v2.</summary>
    public static IEndpointRouteBuilder MapRegistryApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/v2/", (HttpContext context) =>
        {
            context.Response.Headers["Docker-Distribution-API-Version"] = "registry/2.0";
            return Results.Json(new { });
        });
        return endpoints;
    }
}
