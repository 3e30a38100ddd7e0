using Berth.Mirror.Access;
using Berth.Mirror.Admin;
using Berth.Mirror.Blobs;
using Berth.Mirror.Diagnostics;
using Berth.Mirror.Manifests;
using Berth.Mirror.Upstream;
using Berth.Registry.Api.Auth;
using Berth.Registry.Reading;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace Berth.Mirror;

public static class MirrorServiceCollectionExtensions
{
    /// <summary>Whether the configuration makes this registry a mirror (Mirror:Upstream is set).</summary>
    public static bool IsMirrorConfigured(IConfiguration configuration) =>
        !string.IsNullOrEmpty(configuration.GetSection(MirrorOptions.SectionName)[nameof(MirrorOptions.Upstream)]);

    /// <summary>
    /// Turns the registry into a pull-through cache: pulls read through the mirror's blob and manifest sources, and
    /// writes outside the local namespace are refused. Call after AddRegistry, AddRegistryApi and the auth guard.
    /// </summary>
    public static IServiceCollection AddMirror(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MirrorOptions>().Bind(configuration.GetSection(MirrorOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<MirrorMetrics>();
        services.TryAddSingleton<UpstreamRegistry>();
        AddUpstreamTransport(services);
        services.TryAddSingleton<TagFreshness>();
        services.TryAddSingleton<BlobFills>();
        services.TryAddSingleton<CacheInventory>();
        services.TryAddSingleton<MirrorCacheEndpoints>();
        services.Replace(ServiceDescriptor.Singleton<IBlobSource, MirrorBlobSource>());
        services.Replace(ServiceDescriptor.Singleton<IManifestSource, MirrorManifestSource>());

        var guard = services.LastOrDefault(d => d.ServiceType == typeof(IRegistryAccessGuard))
            ?? ServiceDescriptor.Singleton<IRegistryAccessGuard, OpenAccessGuard>();
        services.RemoveAll<IRegistryAccessGuard>();
        services.AddSingleton<IRegistryAccessGuard>(provider =>
            new MirrorAccessGuard(Create<IRegistryAccessGuard>(provider, guard), provider.GetRequiredService<IOptions<MirrorOptions>>()));
        return services;
    }

    /// <summary>Maps the cache admin API under /api/v1/mirror/ and logs that mirror mode is on.</summary>
    public static IEndpointRouteBuilder MapMirror(this IEndpointRouteBuilder endpoints)
    {
        var services = endpoints.ServiceProvider;
        var options = services.GetRequiredService<IOptions<MirrorOptions>>().Value;
        Log.Started(
            services.GetRequiredService<ILoggerFactory>().CreateLogger("Berth.Mirror"),
            options.Upstream!,
            options.LocalNamespace is { } local ? $"accepted under '{local}/' only" : "refused");

        var cache = endpoints.MapGroup("/api/v1/mirror/cache").RequireRegistryAccess(RegistryAccess.Catalog);
        cache.MapGet(string.Empty, (HttpContext context) => Endpoints(context).ListAsync(context));
        cache.MapGet("/{**name}", (HttpContext context, string name) => Endpoints(context).GetAsync(context, name));
        cache.MapDelete("/{**name}", (HttpContext context, string name) => Endpoints(context).EvictAsync(context, name));
        return endpoints;
    }

    /// <summary>
    /// Every upstream request is a GET or HEAD, so all are replayable: transient failures (connection errors, 5xx, 408,
    /// 429) are retried with jittered exponential back-off until the answer's headers arrive; the client's
    /// Mirror:UpstreamTimeout bounds the whole. Pooled connections are renewed so a changed upstream address is seen.
    /// </summary>
    private static void AddUpstreamTransport(IServiceCollection services) =>
        services.AddHttpClient(UpstreamRegistry.HttpClientName)
            .UseSocketsHttpHandler((sockets, _) =>
            {
                sockets.UseCookies = false;
                sockets.ConnectTimeout = TimeSpan.FromSeconds(30);
                sockets.PooledConnectionLifetime = TimeSpan.FromMinutes(5);
            })
            .AddResilienceHandler(UpstreamRegistry.HttpClientName, pipeline => pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = 3,
                Delay = TimeSpan.FromMilliseconds(200),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            }));

    private static MirrorCacheEndpoints Endpoints(HttpContext context) => context.RequestServices.GetRequiredService<MirrorCacheEndpoints>();

    private static T Create<T>(IServiceProvider provider, ServiceDescriptor descriptor)
        where T : class =>
        (T)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!));
}
