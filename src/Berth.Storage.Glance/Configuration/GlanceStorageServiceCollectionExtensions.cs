using Berth.Storage.Configuration;
using Berth.Storage.Swift.Client;
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
        services.AddSwiftHttpClients(GlanceStorageDriver.DriverName, sp => Options(sp).RequestTimeout);
        services.AddStorageDriver(GlanceStorageDriver.DriverName, sp => new GlanceStorageDriver(
            Options(sp),
            sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<GlanceStorageDriver>>()));
        return services;
    }

    private static GlanceStorageOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<GlanceStorageOptions>>().Value;
}
