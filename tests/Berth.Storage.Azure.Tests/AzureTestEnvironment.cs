using Azure.Storage.Blobs.Models;
using Berth.Storage.Azure.Configuration;

namespace Berth.Storage.Azure.Tests;

/// <summary>The Azurite that scripts/test-services/azurite.sh starts once per test run.</summary>
internal static class AzureTestEnvironment
{
    public const string Container = "berth-tests";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("BERTH_TEST_AZURE_CONNECTION_STRING") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                "BERTH_TEST_AZURE_CONNECTION_STRING is not set. Run the tests with scripts/test.sh, which installs and starts "
                + "Azurite (scripts/test-services/azurite.sh), or source that script in your shell first.");

    public static AzureStorageOptions Options(string prefix, Action<AzureStorageOptions>? configure = null)
    {
        var options = new AzureStorageOptions
        {
            ConnectionString = ConnectionString,
            Container = Container,
            Prefix = prefix,
            BlockSize = 1024 * 1024,
        };
        configure?.Invoke(options);
        return options;
    }

    public static AzureBlobStorageDriver CreateDriver(AzureStorageOptions options) => new(options, TimeProvider.System);

    /// <summary>Every blob the driver keeps in its staging container under a prefix (staging blobs, pending records).</summary>
    public static async Task<List<string>> StagingBlobsAsync(AzureBlobStorageDriver driver, string prefix)
    {
        var names = new List<string>();
        await foreach (var item in driver.Staging.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, CancellationToken.None))
        {
            names.Add(item.Name);
        }

        return names;
    }
}
