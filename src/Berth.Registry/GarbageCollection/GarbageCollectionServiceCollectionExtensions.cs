using Berth.Registry.Retention;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Berth.Registry.GarbageCollection;

public static class GarbageCollectionServiceCollectionExtensions
{
    /// <summary>
    /// The collector and the retention runner (for <c>berth gc</c>, <c>berth retention</c> and tests), with options bound
    /// from sections "GarbageCollection" and "Retention".
    /// </summary>
    public static IServiceCollection AddGarbageCollection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRegistry();
        services.AddOptions<GarbageCollectionOptions>()
            .Bind(configuration.GetSection(GarbageCollectionOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<GarbageCollectionMetrics>();
        services.TryAddSingleton<GarbageCollectionHistory>();
        services.TryAddSingleton<GarbageCollector>();
        services.AddOptions<RetentionOptions>()
            .Bind(configuration.GetSection(RetentionOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<RetentionMetrics>();
        services.TryAddSingleton<RetentionRunner>();
        return services;
    }

    /// <summary>Collector and retention plus the schedule that runs them inside the server (GarbageCollection:Enabled, Retention:Enabled).</summary>
    public static IServiceCollection AddGarbageCollectionSchedule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGarbageCollection(configuration);
        services.AddHostedService<GarbageCollectionScheduler>();
        return services;
    }
}
