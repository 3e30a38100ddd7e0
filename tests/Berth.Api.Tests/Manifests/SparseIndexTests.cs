using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Manifests;

/// <summary>
/// An image index naming a child manifest that was never pushed (a mirror of one platform of a multi-platform image):
/// accepted with Registry:Manifests:AllowSparseIndexes, refused with MANIFEST_BLOB_UNKNOWN and nothing stored without.
/// </summary>
public abstract class SparseIndexTests(RegistryFixture fixture) : RegistryTestBase(fixture)
{
    protected async Task<(string Repository, PushedImage Present, Descriptor Absent, byte[] Index)> PrepareAsync()
    {
        var repository = NewRepository("sparse");
        var present = await Registry.PushImageAsync(repository, tag: null);
        var absent = new Descriptor(MediaTypes.OciManifest, TestContent.UnknownDigest(), 512) { Platform = ManifestJson.Platform("linux", "arm64") };
        var index = ManifestJson.Serialize(ManifestJson.OciIndex(
            [present.Descriptor with { Platform = ManifestJson.Platform("linux", "amd64") }, absent]));
        return (repository, present, absent, index);
    }
}
