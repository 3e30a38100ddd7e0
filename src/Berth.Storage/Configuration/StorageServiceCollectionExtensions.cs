using Berth.Storage.Filesystem;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Berth.Storage.Configuration;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the built-in drivers and resolves <see cref="IStorageDriver"/> to the one named by Storage:Driver.
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

        services.AddStorageDriver("filesystem", sp => new FilesystemStorageDriver(sp.GetRequiredService<IOptions<FilesystemStorageOptions>>()));
        services.AddSingleton(sp =>
        {
            var name = sp.GetRequiredService<IOptions<StorageOptions>>().Value.Driver;
            return sp.GetKeyedService<IStorageDriver>(name)
                ?? throw new OptionsValidationException(StorageOptions.SectionName, typeof(StorageOptions), [$"Storage:Driver '{name}' is not a known storage driver."]);
        });
        return services;
    }

    /// <summary>Makes a driver selectable by name in Storage:Driver.</summary>
    public static IServiceCollection AddStorageDriver(this IServiceCollection services, string name, Func<IServiceProvider, IStorageDriver> factory) =>
        services.AddKeyedSingleton(name, (sp, _) => factory(sp));
}
