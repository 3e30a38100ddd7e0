using Berth.Storage.Conformance;

namespace Berth.Storage.Swift.Tests;

/// <summary>The shared driver suite on a real Swift (native API, tempauth), with 5 MiB segments and 8 per manifest.</summary>
public sealed class SwiftConformanceTests : StorageDriverConformanceTests
{
    private const string Prefix = "conformance";

    protected override IStorageDriver CreateDriver() => SwiftTestEnvironment.CreateDriver(SwiftTestEnvironment.Options(Prefix));

    /// <summary>No segment, nested manifest or pending-upload record of this test may outlive the deletion of its root.</summary>
    protected override async Task AssertNothingLeftUnderAsync(string root)
    {
        var driver = (SwiftStorageDriver)Driver;
        Assert.Empty(await SwiftTestEnvironment.SegmentObjectsAsync(driver, $"{Prefix}/segments{root}/"));
        Assert.Empty(await SwiftTestEnvironment.SegmentObjectsAsync(driver, $"{Prefix}/pending{root}/"));
    }

    [Fact]
    public Task Writer_StreamingHundredsOfMegabytes_KeepsMemoryFlat() =>
        AssertStreamsWithFlatMemoryAsync(512L * 1024 * 1024, 96L * 1024 * 1024);
}
