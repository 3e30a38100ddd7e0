using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Berth.Registry.Api.Admin;

public static class AdminApiExtensions
{
    /// <summary>The admin API's services; needs AddRegistry and AddGarbageCollection (for the history and runs).</summary>
    public static IServiceCollection AddStorageAdminApi(this IServiceCollection services)
    {
        services.TryAddSingleton<AdminEndpoints>();
        return services;
    }

    /// <summary>Maps /api/v1/admin/storage, /api/v1/admin/quotas/&lt;namespace&gt; and /api/v1/admin/gc/runs.</summary>
    public static IEndpointRouteBuilder MapStorageAdminApi(this IEndpointRouteBuilder endpoints)
    {
        const string Root = "/api/v1/admin";
        endpoints.MapGet($"{Root}/storage", (HttpContext context) => Endpoints(context).StorageAsync(context));
        endpoints.MapGet($"{Root}/quotas/{{ns}}", (HttpContext context, string ns) => Endpoints(context).GetQuotaAsync(context, ns));
        endpoints.MapPut($"{Root}/quotas/{{ns}}", (HttpContext context, string ns) => Endpoints(context).PutQuotaAsync(context, ns));
        endpoints.MapDelete($"{Root}/quotas/{{ns}}", (HttpContext context, string ns) => Endpoints(context).DeleteQuotaAsync(context, ns));
        endpoints.MapGet($"{Root}/gc/runs", (HttpContext context) => Endpoints(context).ListRunsAsync(context));
        endpoints.MapPost($"{Root}/gc/runs", (HttpContext context) => Endpoints(context).StartRunAsync(context));
        return endpoints;
    }

    private static AdminEndpoints Endpoints(HttpContext context) => context.RequestServices.GetRequiredService<AdminEndpoints>();
}
