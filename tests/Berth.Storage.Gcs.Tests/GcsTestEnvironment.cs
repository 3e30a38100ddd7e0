using Berth.Storage.Gcs.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Berth.Storage.Gcs.Tests;

/// <summary>The GCS emulator that scripts/test-services/gcs.sh starts once per test run.</summary>
internal static class GcsTestEnvironment
{
    /// <summary>The emulator creates a bucket at its first use.</summary>
    public const string Bucket = "berth-tests";

    public static Uri BaseUri =>
        Environment.GetEnvironmentVariable("BERTH_TEST_GCS_BASE_URI") is { Length: > 0 } value
            ? new Uri(value)
            : throw new InvalidOperationException(
                "BERTH_TEST_GCS_BASE_URI is not set. Run the tests with scripts/test.sh, which installs and starts the GCS "
                + "emulator (scripts/test-services/gcs.sh), or source that script in your shell first.");

    public static GcsStorageOptions Options(string rootDirectory, Action<GcsStorageOptions>? configure = null)
    {
        var options = new GcsStorageOptions
        {
            Bucket = Bucket,
            RootDirectory = rootDirectory,
            BaseUri = BaseUri,
            Authentication = GcsAuthentication.None,
            ChunkSize = 1024 * 1024,
        };
        configure?.Invoke(options);
        return options;
    }

    public static GcsStorageDriver CreateDriver(GcsStorageOptions options) => new(options, TimeProvider.System, NullLogger<GcsStorageDriver>.Instance);

    /// <summary>Every object name in the bucket under a prefix, writer states included.</summary>
    public static async Task<List<string>> NamesAsync(GcsStorageDriver driver, string prefix)
    {
        var names = new List<string>();
        await foreach (var item in driver.Store.Client.ListObjectsAsync(Bucket, prefix))
        {
            names.Add(item.Name);
        }

        return names;
    }
}
