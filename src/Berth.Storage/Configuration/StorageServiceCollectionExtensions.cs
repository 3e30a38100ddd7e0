using Berth.Storage.Caching;
using Berth.Storage.Filesystem;
using Berth.Storage.InMemory;
using Berth.Storage.Instrumentation;
using Berth.Storage.SharedReads;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Berth.Storage.Configuration;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the built-in drivers and resolves <see cref="IStorageDriver"/> to the one named by Storage:Driver,
    /// wrapped in the path-validating, metered decorator and, when an <see cref="IImmutablePathPolicy"/> is registered,
    /// in shared reads of immutable objects (object stores, unless Storage:SharedReads:Enabled is false) and, when
    /// Storage:Cache:MaxBytes is above 0, the cache of small immutable objects.
    /// Other drivers register themselves with <see cref="AddStorageDriver"/> (e.g. AddS3Storage()).
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration, string defaultRootDirectory)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<FilesystemStorageOptions>()
            .Configure(o => o.RootDirectory = defaultRootDirectory)
            .Bind(configuration.GetSection(FilesystemStorageOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<StorageCacheOptions>().Bind(configuration.GetSection(StorageCacheOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SharedReadOptions>()
            .Configure(o => o.SpoolDirectory = Path.Combine(defaultRootDirectory, "temp", "shared-reads"))
            .Bind(configuration.GetSection(SharedReadOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => !string.IsNullOrWhiteSpace(o.SpoolDirectory), $"{SharedReadOptions.SectionName}:SpoolDirectory must name a directory.")
            .ValidateOnStart();
        services.AddMetrics();
        services.TryAddSingleton<StorageMetrics>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddStorageDriver("filesystem", sp => new FilesystemStorageDriver(sp.GetRequiredService<IOptions<FilesystemStorageOptions>>()));
        services.AddStorageDriver("inmemory", sp => new InMemoryStorageDriver(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp =>
        {
            var name = sp.GetRequiredService<IOptions<StorageOptions>>().Value.Driver;
            var driver = sp.GetKeyedService<IStorageDriver>(name)
                ?? throw new OptionsValidationException(StorageOptions.SectionName, typeof(StorageOptions), [$"Storage:Driver '{name}' is not a known storage driver."]);
            var metrics = sp.GetRequiredService<StorageMetrics>();
            IStorageDriver decorated = new InstrumentedStorageDriver(driver, metrics);
            var policy = sp.GetService<IImmutablePathPolicy>();
            var shared = sp.GetRequiredService<IOptions<SharedReadOptions>>().Value;
            if (policy is not null && shared.Enabled && !ReadsLocally(name))
            {
                var logger = sp.GetService<ILoggerFactory>()?.CreateLogger<SharingStorageDriver>() ?? NullLogger<SharingStorageDriver>.Instance;
                decorated = new SharingStorageDriver(decorated, policy, shared, Path.GetFullPath(shared.SpoolDirectory!), metrics, logger);
            }

            var cache = sp.GetRequiredService<IOptions<StorageCacheOptions>>().Value;
            if (policy is not null && cache.MaxBytes > 0)
            {
                decorated = new CachingStorageDriver(decorated, policy, cache, metrics);
            }

            return decorated;
        });
        return services;
    }

    /// <summary>
    /// Drivers whose reads come from local memory or the page cache, where a spool file would only copy the bytes again.
    /// </summary>
    private static bool ReadsLocally(string driver) => driver is "filesystem" or "inmemory";

    /// <summary>Makes a driver selectable by name in Storage:Driver.</summary>
    public static IServiceCollection AddStorageDriver(this IServiceCollection services, string name, Func<IServiceProvider, IStorageDriver> factory) =>
        services.AddKeyedSingleton(name, (sp, _) => factory(sp));
}
