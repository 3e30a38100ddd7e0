using Berth.Storage.Glance.Client;
using Berth.Storage.Glance.Configuration;
using Berth.Storage.Swift.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Berth.Storage.Glance.Tests;

/// <summary>The Keystone-less Glance that scripts/test-services/glance.sh starts once per test run.</summary>
internal static class GlanceTestEnvironment
{
    public static Uri Endpoint =>
        Environment.GetEnvironmentVariable("BERTH_TEST_GLANCE_URL") is { Length: > 0 } value
            ? new Uri(value)
            : throw new InvalidOperationException(
                "BERTH_TEST_GLANCE_URL is not set. Run the tests with scripts/test.sh, which installs (glance-api, from "
                + "scripts/test-services/glance.packages) and starts Glance (scripts/test-services/glance.sh), or source that script first.");

    public static GlanceStorageOptions Options(string @namespace, Action<GlanceStorageOptions>? configure = null)
    {
        var options = new GlanceStorageOptions { Endpoint = Endpoint, Namespace = @namespace };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>The driver's clients as the host registers them (retries, a timeout per attempt), shared by the tests' drivers.</summary>
    private static IHttpClientFactory Http { get; } = new ServiceCollection()
        .AddLogging()
        .AddSwiftHttpClients(GlanceStorageDriver.DriverName, _ => new GlanceStorageOptions().RequestTimeout)
        .BuildServiceProvider()
        .GetRequiredService<IHttpClientFactory>();

    public static GlanceStorageDriver CreateDriver(GlanceStorageOptions options) => new(options, Http, TimeProvider.System, NullLogger<GlanceStorageDriver>.Instance);

    /// <summary>Every image of the driver's namespace under a directory, whatever its kind or status.</summary>
    public static async Task<List<GlanceImage>> ImagesUnderAsync(GlanceStorageDriver driver, string directory)
    {
        var images = new List<GlanceImage>();
        await foreach (var image in driver.Store.Images.ListAsync(Berth.Storage.Glance.GlanceProperties.Under(directory), CancellationToken.None))
        {
            images.Add(image);
        }

        return images;
    }
}
