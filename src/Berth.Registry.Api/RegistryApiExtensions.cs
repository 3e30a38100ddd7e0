using Berth.Registry.Api.Auth;
using Berth.Registry.Api.Blobs;
using Berth.Registry.Api.Http;
using Berth.Registry.Api.Listing;
using Berth.Registry.Api.Manifests;
using Berth.Registry.Api.Routing;
using Berth.Registry.Api.Uploads;
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
        services.AddOptions<BlobOffloadOptions>().Configure<IServiceProvider>(BindIfConfigured<BlobOffloadOptions>(BlobOffloadOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<BlobOffload>();
        services.TryAddSingleton<BlobContentWriter>();
        services.TryAddSingleton<BlobEndpoints>();
        services.TryAddSingleton<UploadEndpoints>();
        services.TryAddSingleton<ManifestEndpoints>();
        services.TryAddSingleton<ListingEndpoints>();
        services.TryAddSingleton<RegistryDispatcher>();
        return services;
    }

    /// <summary>
    /// Maps the OCI distribution API: one endpoint for everything under /v2, because repository names contain '/'
    /// and the resource is only known from the end of the path.
    /// </summary>
    public static IEndpointRouteBuilder MapRegistryApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.Map("/v2/{**rest}", (HttpContext context) => context.RequestServices.GetRequiredService<RegistryDispatcher>().HandleAsync(context))
            .WithDisplayName("registry");
        return endpoints;
    }

    /// <summary>Binds the section when the container has configuration; hosts without one (store tests) keep the defaults.</summary>
    private static Action<T, IServiceProvider> BindIfConfigured<T>(string section)
        where T : class =>
        (options, services) => services.GetService<IConfiguration>()?.GetSection(section).Bind(options);
}
