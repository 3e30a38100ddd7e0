using Berth.Storage.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.Storage.Glance.Configuration;

public static class GlanceStorageServiceCollectionExtensions
{
    /// <summary>Makes the OpenStack Glance driver selectable as Storage:Driver = "glance", configured by Storage:Glance.</summary>
    public static IServiceCollection AddGlanceStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GlanceStorageOptions>().Bind(configuration.GetSection(GlanceStorageOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GlanceStorageOptions>, GlanceStorageOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddStorageDriver(GlanceStorageDriver.DriverName, sp => new GlanceStorageDriver(
            sp.GetRequiredService<IOptions<GlanceStorageOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<GlanceStorageDriver>>()));
        return services;
    }
}
