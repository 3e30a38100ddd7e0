using Berth.Storage.Conformance;

namespace Berth.Storage.Gcs.Tests;

/// <summary>
/// The shared driver suite on the GCS emulator (scripts/test-services/gcs.sh), with 1 MiB chunks so large objects
/// take many resumable-upload chunks and closes leave tails that are not whole 256 KiB units.
/// </summary>
public sealed class GcsConformanceTests : StorageDriverConformanceTests
{
    private const string RootDirectory = "conformance";

    protected override IStorageDriver CreateDriver() => GcsTestEnvironment.CreateDriver(GcsTestEnvironment.Options(RootDirectory));

    /// <summary>No object, writer state or running-writer record of this test may outlive the deletion of its root.</summary>
    protected override async Task AssertNothingLeftUnderAsync(string root) =>
        Assert.Empty(await GcsTestEnvironment.NamesAsync((GcsStorageDriver)Driver, RootDirectory + root));

    [Fact]
    public Task Writer_StreamingHundredsOfMegabytes_KeepsMemoryFlat() =>
        AssertStreamsWithFlatMemoryAsync(256L * 1024 * 1024, 64L * 1024 * 1024);
}
