using Berth.Storage.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.Storage.Gcs.Configuration;

public static class GcsStorageServiceCollectionExtensions
{
    /// <summary>Makes Storage:Driver "gcs" available, configured from Storage:Gcs (validated at start when selected).</summary>
    public static IServiceCollection AddGcsStorage(this IServiceCollection services)
    {
        services.AddOptions<GcsStorageOptions>().BindConfiguration(GcsStorageOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GcsStorageOptions>, GcsStorageOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddStorageDriver(GcsStorageDriver.DriverName, sp => new GcsStorageDriver(
            sp.GetRequiredService<IOptions<GcsStorageOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<GcsStorageDriver>>()));
        return services;
    }
}
