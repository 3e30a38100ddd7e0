using Berth.Interop.Tests.Fixtures;
using Berth.Interop.Tests.Layout;
using Berth.Interop.Tests.Tools;

namespace Berth.Interop.Tests.Containerd;

/// <summary>
/// containerd's ctr pulls (plain http, native snapshotter) what skopeo pushed and pushes it to another repository.
/// Sealed subclasses also implement IClassFixture&lt;ContainerdDaemon&gt;: one private daemon per test class.
/// </summary>
public abstract class ContainerdTests<TFixture> : IClassFixture<TFixture>
    where TFixture : RegistryFixture
{
    private readonly TFixture _registry;
    private readonly ContainerdDaemon _containerd;
    private readonly Tools.Skopeo _skopeo = new();

    protected ContainerdTests(TFixture registry, ContainerdDaemon containerd)
    {
        _registry = registry;
        _containerd = containerd;
    }

    [Fact]
    public async Task PullAndPush_Image_UnpacksItAndPushesTheSameManifest()
    {
        using var work = new TempDirectory();
        var source = new OciLayoutBuilder(work.Combine("source"), seed: 31);
        var image = source.AddImage(layerCount: 3);
        source.Tag("v1", image.Manifest);
        var original = $"{_registry.HostPort}/containerd/original:v1";
        var copy = $"{_registry.HostPort}/containerd/copy:v1";
        await _skopeo.PushAsync(source.Directory, "v1", original);

        await _containerd.CtrAsync("images", "pull", "--plain-http", "--snapshotter", "native", original);
        var check = (await _containerd.CtrAsync("images", "check", "--snapshotter", "native")).StandardOutput;
        var line = check.Split('\n').Single(l => l.StartsWith(original + " ", StringComparison.Ordinal));
        Assert.Matches(@"\bcomplete \(\d+/\d+\).*\btrue\s*$", line);
        await _containerd.CtrAsync("images", "push", "--plain-http", copy, original);

        Assert.Equal(await ManifestAsync(source, image.Manifest), await _skopeo.InspectRawAsync(copy));
    }

    [Fact]
    public async Task PullAndPush_MultiPlatformIndex_PushesTheSameIndex()
    {
        using var work = new TempDirectory();
        var source = new OciLayoutBuilder(work.Combine("source"), seed: 32);
        var index = source.AddIndex([source.AddImage(1, "amd64"), source.AddImage(1, "arm64")]);
        source.Tag("multi", index);
        var original = $"{_registry.HostPort}/containerd/multi-original:multi";
        var copy = $"{_registry.HostPort}/containerd/multi-copy:multi";
        await _skopeo.PushAsync(source.Directory, "multi", original);

        await _containerd.CtrAsync("images", "pull", "--plain-http", "--all-platforms", "--snapshotter", "native", original);
        await _containerd.CtrAsync("images", "push", "--plain-http", copy, original);

        Assert.Equal(await ManifestAsync(source, index), await _skopeo.InspectRawAsync(copy));
        await _skopeo.PullAsync(copy, work.Combine("pulled"), "multi");
        LayoutAssert.SameContent(source.Directory, work.Combine("pulled"), "multi");
    }

    private static Task<string> ManifestAsync(OciLayoutBuilder layout, OciDescriptor manifest) =>
        File.ReadAllTextAsync(OciLayout.BlobPath(layout.Directory, manifest.Digest));
}
