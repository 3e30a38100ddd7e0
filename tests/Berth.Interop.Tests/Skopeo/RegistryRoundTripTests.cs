using System.Text;
using Berth.Interop.Tests.Fixtures;
using Berth.Interop.Tests.Layout;
using Berth.Interop.Tests.Tools;

namespace Berth.Interop.Tests.Skopeo;

/// <summary>
/// skopeo round trips that any OCI registry must pass: OCI layouts built by the test go in and come back byte for byte.
/// One sealed subclass per registry (Berth on each storage backend, and the reference registry side by side).
/// </summary>
public abstract class RegistryRoundTripTests<TFixture> : IClassFixture<TFixture>
    where TFixture : RegistryFixture
{
    protected RegistryRoundTripTests(TFixture registry) => Registry = registry;

    protected TFixture Registry { get; }

    protected Tools.Skopeo Skopeo { get; } = new();

    [Fact]
    public async Task Copy_MultiLayerImage_IntoRegistryAndBack_KeepsEveryDigestAndByte()
    {
        using var work = new TempDirectory();
        var source = new OciLayoutBuilder(work.Combine("source"), seed: 11);
        var image = source.AddImage(layerCount: 4);
        source.Tag("v1", image.Manifest);
        var reference = $"{Registry.HostPort}/interop/multi-layer:v1";

        await Skopeo.PushAsync(source.Directory, "v1", reference);
        await Skopeo.PullAsync(reference, work.Combine("pulled"), "v1");

        LayoutAssert.SameContent(source.Directory, work.Combine("pulled"), "v1");
        var rootfs = await new Umoci().UnpackAsync(work.Combine("pulled"), "v1", work.Combine("bundle"));
        LayoutAssert.RootfsHolds(rootfs, image.Files);
    }

    [Fact]
    public async Task Copy_MultiPlatformIndex_IntoRegistryAndBack_KeepsTheIndexAndEveryPlatform()
    {
        using var work = new TempDirectory();
        var source = new OciLayoutBuilder(work.Combine("source"), seed: 12);
        var amd64 = source.AddImage(layerCount: 2, architecture: "amd64");
        var arm64 = source.AddImage(layerCount: 2, architecture: "arm64");
        var index = source.AddIndex([amd64, arm64]);
        source.Tag("multi", index);
        var repository = $"{Registry.HostPort}/interop/multi-platform";

        await Skopeo.PushAsync(source.Directory, "multi", $"{repository}:multi");
        await Skopeo.PullAsync($"{repository}:multi", work.Combine("pulled"), "multi");

        LayoutAssert.SameContent(source.Directory, work.Combine("pulled"), "multi");
        foreach (var child in new[] { amd64, arm64 })
        {
            var raw = await Skopeo.InspectRawAsync($"{repository}@{child.Manifest.Digest}");
            Assert.Equal(await File.ReadAllTextAsync(OciLayout.BlobPath(source.Directory, child.Manifest.Digest)), raw);
        }
    }

    [Fact]
    public async Task InspectRaw_ByTagAndByDigest_ReturnsTheExactManifestBytesPushed()
    {
        using var work = new TempDirectory();
        var source = new OciLayoutBuilder(work.Combine("source"), seed: 13);
        var image = source.AddImage(layerCount: 1);
        source.Tag("raw", image.Manifest);
        var repository = $"{Registry.HostPort}/interop/inspect-raw";
        var pushed = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(OciLayout.BlobPath(source.Directory, image.Manifest.Digest)));

        await Skopeo.PushAsync(source.Directory, "raw", $"{repository}:raw");

        Assert.Equal(pushed, await Skopeo.InspectRawAsync($"{repository}:raw"));
        Assert.Equal(pushed, await Skopeo.InspectRawAsync($"{repository}@{image.Manifest.Digest}"));
    }

    [Fact]
    public async Task ListTags_AfterPushingThreeTags_ReturnsExactlyThoseTags()
    {
        using var work = new TempDirectory();
        var source = new OciLayoutBuilder(work.Combine("source"), seed: 14);
        var image = source.AddImage(layerCount: 1);
        string[] tags = ["1.0", "1.1", "latest"];
        foreach (var tag in tags)
        {
            source.Tag(tag, image.Manifest);
        }

        var repository = $"{Registry.HostPort}/interop/list-tags";
        foreach (var tag in tags)
        {
            await Skopeo.PushAsync(source.Directory, tag, $"{repository}:{tag}");
        }

        Assert.Equal(tags, (await Skopeo.ListTagsAsync(repository)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Delete_ByDigest_MakesTheManifestUnavailableByDigestAndTag()
    {
        using var work = new TempDirectory();
        var source = new OciLayoutBuilder(work.Combine("source"), seed: 15);
        var image = source.AddImage(layerCount: 1);
        source.Tag("doomed", image.Manifest);
        var repository = $"{Registry.HostPort}/interop/delete";
        await Skopeo.PushAsync(source.Directory, "doomed", $"{repository}:doomed");

        await Skopeo.DeleteAsync($"{repository}@{image.Manifest.Digest}");

        var byDigest = await Skopeo.TryInspectRawAsync($"{repository}@{image.Manifest.Digest}");
        Assert.NotEqual(0, byDigest.ExitCode);
        Assert.Contains("manifest unknown", byDigest.StandardError, StringComparison.OrdinalIgnoreCase);
        var byTag = await Skopeo.TryInspectRawAsync($"{repository}:doomed");
        Assert.NotEqual(0, byTag.ExitCode);
    }
}
