using Berth.Storage.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Berth.Storage.Azure.Configuration;

public static class AzureStorageServiceCollectionExtensions
{
    /// <summary>Makes the Azure Blob driver selectable as Storage:Driver = "azure", configured by Storage:Azure.</summary>
    public static IServiceCollection AddAzureStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AzureStorageOptions>().Bind(configuration.GetSection(AzureStorageOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AzureStorageOptions>, AzureStorageOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddStorageDriver(AzureBlobStorageDriver.DriverName, sp => new AzureBlobStorageDriver(
            sp.GetRequiredService<IOptions<AzureStorageOptions>>().Value,
            sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
