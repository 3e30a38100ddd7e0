using Berth.Registry.Api.Auth;
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
        var admin = endpoints.MapGroup("/api/v1/admin").RequireRegistryAccess(RegistryAccess.Catalog);
        admin.MapGet("/storage", (HttpContext context) => Endpoints(context).StorageAsync(context));
        admin.MapGet("/quotas/{ns}", (HttpContext context, string ns) => Endpoints(context).GetQuotaAsync(context, ns));
        admin.MapPut("/quotas/{ns}", (HttpContext context, string ns) => Endpoints(context).PutQuotaAsync(context, ns));
        admin.MapDelete("/quotas/{ns}", (HttpContext context, string ns) => Endpoints(context).DeleteQuotaAsync(context, ns));
        admin.MapGet("/gc/runs", (HttpContext context) => Endpoints(context).ListRunsAsync(context));
        admin.MapPost("/gc/runs", (HttpContext context) => Endpoints(context).StartRunAsync(context));
        return endpoints;
    }

    private static AdminEndpoints Endpoints(HttpContext context) => context.RequestServices.GetRequiredService<AdminEndpoints>();
}
