using System.Text.Json.Nodes;
using Berth.Cluster.Tests.Infrastructure;
using Berth.Interop.Tests.Fixtures;
using Berth.Interop.Tests.Layout;
using Berth.Interop.Tests.Tools;

namespace Berth.Cluster.Tests.Clients;

/// <summary>skopeo and podman log in, push and pull through nginx, each request landing on whichever node nginx picks.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClientsThroughNginxTests(ClusterFixture cluster)
{
    private const string Credentials = ClusterFixture.User + ":" + ClusterFixture.Password;
    private readonly Skopeo _skopeo = new();

    [Fact]
    public async Task SkopeoCopy_ThroughNginx_PushesAndPullsAMultiLayerImageByteForByte()
    {
        await cluster.EnsureAllRunningAsync();
        using var work = new TempDirectory("berth-cluster-skopeo-");
        var source = new OciLayoutBuilder(work.Combine("source"), seed: 81);
        source.Tag("v1", source.AddImage(layerCount: 4).Manifest);
        var reference = $"{cluster.HostPort}/alice/skopeo:v1";

        await _skopeo.RunAsync("copy", "--dest-tls-verify=false", "--dest-creds", Credentials, $"oci:{source.Directory}:v1", $"docker://{reference}");
        await _skopeo.RunAsync("copy", "--src-tls-verify=false", "--src-creds", Credentials, $"docker://{reference}", $"oci:{work.Combine("pulled")}:v1");

        LayoutAssert.SameContent(source.Directory, work.Combine("pulled"), "v1");
    }

    [Fact]
    public async Task Podman_PullPushPull_ThroughNginx_KeepsTheImageIdAndLayers()
    {
        await cluster.EnsureAllRunningAsync();
        using var work = new TempDirectory("berth-cluster-podman-");
        var podman = new Podman(work.Combine("podman"));
        var source = new OciLayoutBuilder(work.Combine("source"), seed: 82);
        var image = source.AddImage(layerCount: 3);
        source.Tag("v1", image.Manifest);
        var original = $"{cluster.HostPort}/alice/podman-original:v1";
        var copy = $"{cluster.HostPort}/alice/podman-copy:v1";
        await _skopeo.RunAsync("copy", "--dest-tls-verify=false", "--dest-creds", Credentials, $"oci:{source.Directory}:v1", $"docker://{original}");

        await podman.RunAsync("pull", "--tls-verify=false", "--quiet", "--creds", Credentials, original);
        await podman.RunAsync("push", "--tls-verify=false", "--quiet", "--creds", Credentials, original, copy);
        await podman.RemoveImageAsync(original);
        await podman.RunAsync("pull", "--tls-verify=false", "--quiet", "--creds", Credentials, copy);

        Assert.Equal(Hex(image.Config.Digest), await podman.ImageIdAsync(copy));
        var pushed = JsonNode.Parse((await _skopeo.RunAsync("inspect", "--raw", "--tls-verify=false", "--creds", Credentials, $"docker://{copy}")).StandardOutput)!;
        Assert.Equal(image.Config.Digest, pushed["config"]!["digest"]!.GetValue<string>());
        Assert.Equal(image.Layers.Count, pushed["layers"]!.AsArray().Count);
    }

    private static string Hex(string digest) => digest[(digest.IndexOf(':', StringComparison.Ordinal) + 1)..];
}
