using Berth.Registry.Api.Admin;
using Berth.Registry.Api.Auth;
using Berth.Registry.Api.Blobs;
using Berth.Registry.Api.Http;
using Berth.Registry.Api.Listing;
using Berth.Registry.Api.Manifests;
using Berth.Registry.Api.Routing;
using Berth.Registry.Api.Uploads;
using Berth.Registry.Notifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Berth.Registry.Api;

public static class RegistryApiExtensions
{
    /// <summary>Registers the registry API's services; the storage driver and registry stores are registered apart.</summary>
    public static IServiceCollection AddRegistryApi(this IServiceCollection services)
    {
        services.TryAddSingleton<IRegistryAccessGuard, OpenAccessGuard>();
        services.TryAddSingleton<RequestGuard>();
        services.TryAddSingleton<RequestEvents>();
        services.TryAddSingleton<IListeningAddress, ServerListeningAddress>();
        services.AddOptions<BlobOffloadOptions>().Configure<IServiceProvider>(BindIfConfigured<BlobOffloadOptions>(BlobOffloadOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<BlobOffload>();
        services.TryAddSingleton<BlobContentWriter>();
        services.TryAddSingleton<BlobEndpoints>();
        services.TryAddSingleton<UploadEndpoints>();
        services.TryAddSingleton<ManifestEndpoints>();
        services.TryAddSingleton<ListingEndpoints>();
        services.TryAddSingleton<RegistryDispatcher>();
        services.TryAddSingleton<PolicyAdminEndpoints>();
        return services;
    }

    /// <summary>
    /// Maps the OCI distribution API: one endpoint for everything under /v2, because repository names contain '/'
    /// and the resource is only known from the end of the path.
    /// </summary>
    public static IEndpointRouteBuilder MapRegistryApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.Map("/v2/{**rest}", (HttpContext context) => context.RequestServices.GetRequiredService<RegistryDispatcher>().HandleAsync(context))
            .WithDisplayName("registry")
            .WithMetadata(RequiresRegistryAccess.PerRegistryRoute);
        return endpoints;
    }

    /// <summary>
    /// Maps the admin API of namespace policies and retention (/api/v1/admin/policies, /api/v1/admin/retention); it
    /// needs the retention runner (AddGarbageCollection) besides <see cref="AddRegistryApi"/>.
    /// </summary>
    public static IEndpointRouteBuilder MapRegistryAdminApi(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/api/v1/admin").RequireRegistryAccess(RegistryAccess.Catalog);
        admin.MapGet("/policies", (HttpContext context) => PolicyAdmin(context).ListAsync(context));
        admin.MapGet("/policies/{namespace}", (HttpContext context, string @namespace) => PolicyAdmin(context).GetAsync(context, @namespace));
        admin.MapPut("/policies/{namespace}", (HttpContext context, string @namespace) => PolicyAdmin(context).PutAsync(context, @namespace));
        admin.MapDelete("/policies/{namespace}", (HttpContext context, string @namespace) => PolicyAdmin(context).DeleteAsync(context, @namespace));
        admin.MapPost("/retention", (HttpContext context) => PolicyAdmin(context).RunRetentionAsync(context));
        return endpoints;
    }

    private static PolicyAdminEndpoints PolicyAdmin(HttpContext context) => context.RequestServices.GetRequiredService<PolicyAdminEndpoints>();

    /// <summary>Binds the section when the container has configuration; hosts without one (store tests) keep the defaults.</summary>
    private static Action<T, IServiceProvider> BindIfConfigured<T>(string section)
        where T : class =>
        (options, services) => services.GetService<IConfiguration>()?.GetSection(section).Bind(options);
}
