using Berth.Storage.Configuration;
using Berth.Storage.Swift.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.Storage.Swift.Configuration;

public static class SwiftStorageServiceCollectionExtensions
{
    /// <summary>Makes the OpenStack Swift driver selectable as Storage:Driver = "swift", configured by Storage:Swift.</summary>
    public static IServiceCollection AddSwiftStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SwiftStorageOptions>().Bind(configuration.GetSection(SwiftStorageOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SwiftStorageOptions>, SwiftStorageOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSwiftHttpClients(SwiftStorageDriver.DriverName, sp => Options(sp).RequestTimeout);
        services.AddStorageDriver(SwiftStorageDriver.DriverName, sp => new SwiftStorageDriver(
            Options(sp),
            sp.GetRequiredService<IHttpClientFactory>(),
            SwiftStorageDriver.CreateAuthenticator(Options(sp), sp.GetRequiredService<TimeProvider>()),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<SwiftStorageDriver>>()));
        return services;
    }

    private static SwiftStorageOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<SwiftStorageOptions>>().Value;
}
