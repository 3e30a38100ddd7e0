using Berth.Storage.Conformance;

namespace Berth.Storage.Swift.Tests;

/// <summary>
/// The shared driver suite on a real Swift (native API, tempauth), with 5 MiB segments, 8 per manifest (so the large
/// tests nest manifests) and listing pages of 100 (so paging is exercised with 250 entries rather than thousands).
/// </summary>
public sealed class SwiftConformanceTests : StorageDriverConformanceTests
{
    private const string Prefix = "conformance";

    protected override int ManyEntriesCount => 250;

    protected override IStorageDriver CreateDriver() =>
        SwiftTestEnvironment.CreateDriver(SwiftTestEnvironment.Options(Prefix, o => o.ListPageSize = 100));

    /// <summary>No segment, nested manifest, pending-upload or commit record of this test may outlive the deletion of its root.</summary>
    protected override async Task AssertNothingLeftUnderAsync(string root)
    {
        var driver = (SwiftStorageDriver)Driver;
        Assert.Empty(await SwiftTestEnvironment.SegmentObjectsAsync(driver, $"{Prefix}/segments{root}/"));
        Assert.Empty(await SwiftTestEnvironment.SegmentObjectsAsync(driver, $"{Prefix}/pending{root}/"));
        Assert.Empty(await SwiftTestEnvironment.SegmentObjectsAsync(driver, $"{Prefix}/commits{root}/"));
    }

    [Fact]
    public Task Writer_StreamingHundredsOfMegabytes_KeepsMemoryFlat() =>
        AssertStreamsWithFlatMemoryAsync(256L * 1024 * 1024, 64L * 1024 * 1024);
}
