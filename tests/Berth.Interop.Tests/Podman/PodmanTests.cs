using System.Text.Json.Nodes;
using Berth.Interop.Tests.Fixtures;
using Berth.Interop.Tests.Layout;

namespace Berth.Interop.Tests.Podman;

/// <summary>podman (rootful, vfs, private store) pulls what skopeo pushed, pushes it elsewhere and pulls it back.</summary>
public abstract class PodmanTests<TFixture> : IClassFixture<TFixture>
    where TFixture : RegistryFixture
{
    private readonly TFixture _registry;
    private readonly Tools.Skopeo _skopeo = new();

    protected PodmanTests(TFixture registry) => _registry = registry;

    [Fact]
    public async Task PullPushPull_ImagePushedBySkopeo_KeepsTheImageIdAndConfig()
    {
        using var work = new TempDirectory();
        var podman = new Tools.Podman(work.Combine("podman"));
        var source = new OciLayoutBuilder(work.Combine("source"), seed: 21);
        var image = source.AddImage(layerCount: 3);
        source.Tag("v1", image.Manifest);
        var original = $"{_registry.HostPort}/podman/original:v1";
        var copy = $"{_registry.HostPort}/podman/copy:v1";
        await _skopeo.PushAsync(source.Directory, "v1", original);

        await podman.PullAsync(original);
        Assert.Equal(Hex(image.Config.Digest), await podman.ImageIdAsync(original));
        await podman.PushAsync(original, copy);
        await podman.RemoveImageAsync(original);
        await podman.PullAsync(copy);

        Assert.Equal(Hex(image.Config.Digest), await podman.ImageIdAsync(copy));
        var pushed = JsonNode.Parse(await _skopeo.InspectRawAsync(copy))!;
        Assert.Equal(image.Config.Digest, pushed["config"]!["digest"]!.GetValue<string>());
        Assert.Equal(image.Layers.Count, pushed["layers"]!.AsArray().Count);
    }

    [Fact]
    public async Task Pull_MultiPlatformIndex_SelectsTheAmd64Image()
    {
        using var work = new TempDirectory();
        var podman = new Tools.Podman(work.Combine("podman"));
        var source = new OciLayoutBuilder(work.Combine("source"), seed: 22);
        var amd64 = source.AddImage(layerCount: 1, architecture: "amd64");
        var arm64 = source.AddImage(layerCount: 1, architecture: "arm64");
        source.Tag("multi", source.AddIndex([amd64, arm64]));
        var reference = $"{_registry.HostPort}/podman/multi-platform:multi";
        await _skopeo.PushAsync(source.Directory, "multi", reference);

        await podman.RunAsync("pull", "--tls-verify=false", "--quiet", "--arch", "amd64", reference);

        Assert.Equal(Hex(amd64.Config.Digest), await podman.ImageIdAsync(reference));
    }

    private static string Hex(string digest) => digest[(digest.IndexOf(':', StringComparison.Ordinal) + 1)..];
}
