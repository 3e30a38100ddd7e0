using Berth.Storage.Conformance;

namespace Berth.Storage.Azure.Tests;

/// <summary>The shared driver suite on Azurite, with 1 MiB blocks and SAS redirects on.</summary>
public sealed class AzureConformanceTests : StorageDriverConformanceTests
{
    private const string Prefix = "conformance";

    protected override IStorageDriver CreateDriver() =>
        AzureTestEnvironment.CreateDriver(AzureTestEnvironment.Options(Prefix, o => o.RedirectWithSas = true));

    /// <summary>No staging blob or pending-upload record of this test may outlive the deletion of its root.</summary>
    protected override async Task AssertNothingLeftUnderAsync(string root)
    {
        var driver = (AzureBlobStorageDriver)Driver;
        Assert.Empty(await AzureTestEnvironment.StagingBlobsAsync(driver, $"{Prefix}/blocks{root}/"));
        Assert.Empty(await AzureTestEnvironment.StagingBlobsAsync(driver, $"{Prefix}/pending{root}/"));
    }

    [Fact]
    public Task Writer_StreamingHundredsOfMegabytes_KeepsMemoryFlat() =>
        AssertStreamsWithFlatMemoryAsync(256L * 1024 * 1024, 64L * 1024 * 1024);
}
