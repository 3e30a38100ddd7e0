using Berth.Storage.Conformance;

namespace Berth.Storage.Glance.Tests;

/// <summary>
/// The shared driver suite on a real Glance (scripts/test-services/glance.sh), with listing pages of 100 so paging is
/// exercised with 250 entries (each entry is an image: hundreds of API calls).
/// </summary>
public sealed class GlanceConformanceTests : StorageDriverConformanceTests
{
    protected override int ManyEntriesCount => 250;

    protected override IStorageDriver CreateDriver() =>
        GlanceTestEnvironment.CreateDriver(GlanceTestEnvironment.Options("conformance", o => o.ListPageSize = 100));

    /// <summary>No image of this test (object, older version, segment, running writer's) may outlive the deletion of its root.</summary>
    protected override async Task AssertNothingLeftUnderAsync(string root) =>
        Assert.Empty(await GlanceTestEnvironment.ImagesUnderAsync((GlanceStorageDriver)Driver, root));

    [Fact]
    public Task Writer_StreamingHundredsOfMegabytes_KeepsMemoryFlat() =>
        AssertStreamsWithFlatMemoryAsync(256L * 1024 * 1024, 64L * 1024 * 1024);
}
