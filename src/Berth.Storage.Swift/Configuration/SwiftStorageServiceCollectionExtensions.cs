using Berth.Storage.Configuration;
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
        services.AddStorageDriver(SwiftStorageDriver.DriverName, sp => new SwiftStorageDriver(
            sp.GetRequiredService<IOptions<SwiftStorageOptions>>().Value,
            CreateHttpClient(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<SwiftStorageDriver>>()));
        return services;
    }

    /// <summary>
    /// One long-lived client per driver. Its own timeout is off because segment uploads stream for as long as the
    /// content keeps coming; other requests get Storage:Swift:RequestTimeout each.
    /// </summary>
    internal static HttpClient CreateHttpClient() =>
        new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AutomaticDecompression = System.Net.DecompressionMethods.None })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
}
