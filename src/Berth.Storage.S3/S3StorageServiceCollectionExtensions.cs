using Berth.Storage.Configuration;
using Berth.Storage.Instrumentation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.Storage.S3;

public static class S3StorageServiceCollectionExtensions
{
    public const string DriverName = "s3";

    /// <summary>Makes Storage:Driver "s3" available, configured from Storage:S3 (validated at start when selected).</summary>
    public static IServiceCollection AddS3Storage(this IServiceCollection services)
    {
        services.AddOptions<S3StorageOptions>().BindConfiguration(S3StorageOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<S3StorageOptions>, S3StorageOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddStorageDriver(DriverName, sp => new S3StorageDriver(
            sp.GetRequiredService<IOptions<S3StorageOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<S3StorageDriver>>(),
            sp.GetRequiredService<StorageMetrics>()));
        return services;
    }
}
