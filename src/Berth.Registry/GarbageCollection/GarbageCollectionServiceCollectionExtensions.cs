using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Berth.Registry.GarbageCollection;

public static class GarbageCollectionServiceCollectionExtensions
{
    /// <summary>The collector (for <c>berth gc</c> and tests), with options bound from section "GarbageCollection".</summary>
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
        return services;
    }

    /// <summary>The collector plus the schedule that runs it inside the server when GarbageCollection:Enabled is true.</summary>
    public static IServiceCollection AddGarbageCollectionSchedule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGarbageCollection(configuration);
        services.AddHostedService<GarbageCollectionScheduler>();
        return services;
    }
}
