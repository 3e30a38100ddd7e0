using Berth.Storage.Swift.Auth;
using Berth.Storage.Swift.Client;
using Berth.Storage.Swift.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Berth.Storage.Swift.Tests;

/// <summary>The Swift all-in-one that scripts/test-services/swift.sh starts once per test run.</summary>
internal static class SwiftTestEnvironment
{
    public const string Container = "berth-tests";

    public static Uri AuthUrl => new(Require("BERTH_TEST_SWIFT_AUTH_URL"));

    public static string User => Require("BERTH_TEST_SWIFT_USER");

    public static string Key => Require("BERTH_TEST_SWIFT_KEY");

    /// <summary>Options for the test Swift with small segments, so a few megabytes already make nested manifests.</summary>
    public static SwiftStorageOptions Options(string prefix, Action<SwiftStorageOptions>? configure = null)
    {
        var options = new SwiftStorageOptions
        {
            AuthUrl = AuthUrl,
            Username = User,
            Key = Key,
            Container = Container,
            Prefix = prefix,
            SegmentSize = 5 * 1024 * 1024,
            MaxManifestSegments = 8,
        };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>The driver's clients as the host registers them (retries, a timeout per attempt), shared by the tests' drivers.</summary>
    public static IHttpClientFactory Http { get; } = new ServiceCollection()
        .AddLogging()
        .AddSwiftHttpClients(SwiftStorageDriver.DriverName, _ => new SwiftStorageOptions().RequestTimeout)
        .BuildServiceProvider()
        .GetRequiredService<IHttpClientFactory>();

    public static SwiftStorageDriver CreateDriver(SwiftStorageOptions options, ISwiftAuthenticator? authenticator = null) =>
        new(
            options,
            Http,
            authenticator ?? SwiftStorageDriver.CreateAuthenticator(options, TimeProvider.System),
            TimeProvider.System,
            NullLogger<SwiftStorageDriver>.Instance);

    /// <summary>Every object the driver keeps in its segment container under a prefix (segments, pending uploads).</summary>
    public static async Task<List<string>> SegmentObjectsAsync(SwiftStorageDriver driver, string prefix)
    {
        var names = new List<string>();
        await foreach (var entry in driver.Store.ListAsync(driver.SegmentContainer, prefix, null, CancellationToken.None))
        {
            names.Add(entry.Name!);
        }

        return names;
    }

    public static async Task<SloLayout> LayoutAsync(SwiftStorageDriver driver, string path) =>
        await driver.Store.GetLayoutAsync(driver.Container, driver.Prefix + path[1..], CancellationToken.None);

    private static string Require(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{name} is not set. Run the tests with scripts/test.sh, which installs and starts OpenStack Swift "
                + "(scripts/test-services/swift.sh), or source that script in your shell first.");
}
