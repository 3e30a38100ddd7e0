using System.Net;
using Berth.Interop.Tests.Fixtures;
using Berth.Interop.Tests.Layout;
using Berth.Testing;

namespace Berth.Interop.Tests.Mirror;

/// <summary>skopeo pulls real images through Berth as a mirror of Berth, of a chain of mirrors, and of a token-auth upstream.</summary>
public sealed class MirrorSkopeoTests : IAsyncLifetime
{
    private readonly Tools.Skopeo _skopeo = new();
    private readonly TempDirectory _work = new("berth-mirror-");
    private BerthTestServer _origin = null!;
    private BerthTestServer _mirror = null!;

    public async Task InitializeAsync()
    {
        _origin = await BerthTestServer.StartAsync();
        _mirror = await MirrorServer.StartAsync(_origin.BaseAddress);
    }

    public async Task DisposeAsync()
    {
        await _mirror.DisposeAsync();
        await _origin.DisposeAsync();
        _work.Dispose();
    }

    [Fact]
    public async Task SkopeoPull_ThroughMirrorOfBerth_KeepsEveryDigestAndByte_AndCachesTheImage()
    {
        var source = new OciLayoutBuilder(_work.Combine("source"), seed: 61);
        var image = source.AddImage(layerCount: 3);
        source.Tag("v1", image.Manifest);
        await _skopeo.PushAsync(source.Directory, "v1", $"{_origin.HostPort}/team/app:v1");

        await _skopeo.PullAsync($"{_mirror.HostPort}/team/app:v1", _work.Combine("pulled"), "v1");

        LayoutAssert.SameContent(source.Directory, _work.Combine("pulled"), "v1");
        foreach (var digest in OciLayout.ReachableDigests(source.Directory, image.Manifest.Digest))
        {
            Assert.True(await _mirror.HoldsAsync(digest), $"The mirror did not cache {digest}.");
        }
    }

    [Fact]
    public async Task SkopeoPull_MultiPlatformIndex_ThroughMirror_KeepsTheIndexAndEveryPlatform()
    {
        var source = new OciLayoutBuilder(_work.Combine("multi-source"), seed: 62);
        var amd64 = source.AddImage(layerCount: 2, architecture: "amd64");
        var arm64 = source.AddImage(layerCount: 1, architecture: "arm64");
        source.Tag("multi", source.AddIndex([amd64, arm64]));
        await _skopeo.PushAsync(source.Directory, "multi", $"{_origin.HostPort}/team/multi:multi");

        await _skopeo.PullAsync($"{_mirror.HostPort}/team/multi:multi", _work.Combine("multi-pulled"), "multi");

        LayoutAssert.SameContent(source.Directory, _work.Combine("multi-pulled"), "multi");
    }

    [Fact]
    public async Task SkopeoPull_ThroughAChainOfMirrors_SiteBOfSiteAOfTheOrigin_GetsTheImage()
    {
        var source = new OciLayoutBuilder(_work.Combine("chain-source"), seed: 63);
        source.Tag("v1", source.AddImage(layerCount: 2).Manifest);
        await _skopeo.PushAsync(source.Directory, "v1", $"{_origin.HostPort}/team/chained:v1");
        await using var siteB = await MirrorServer.StartAsync(_mirror.BaseAddress);

        await _skopeo.PullAsync($"{siteB.HostPort}/team/chained:v1", _work.Combine("chain-pulled"), "v1");

        LayoutAssert.SameContent(source.Directory, _work.Combine("chain-pulled"), "v1");
        var layer = OciLayout.ReachableDigests(source.Directory, OciLayout.Resolve(source.Directory, "v1").Digest).First();
        Assert.True(await _mirror.HoldsAsync(layer));
        Assert.True(await siteB.HoldsAsync(layer));
    }

    [Fact]
    public async Task Push_ToTheMirror_IsRefusedWithUnsupported_AndWritesNothing()
    {
        var source = new OciLayoutBuilder(_work.Combine("push-source"), seed: 64);
        var image = source.AddImage(layerCount: 1);
        source.Tag("v1", image.Manifest);

        var result = await Tools.ProcessRunner.RunAsync(
            Tools.RequiredTool.Locate("skopeo", "skopeo"),
            ["--insecure-policy", "copy", "--dest-tls-verify=false", $"oci:{source.Directory}:v1", $"docker://{_mirror.HostPort}/team/pushed:v1"]);

        Assert.NotEqual(0, result.ExitCode);
        using var http = _mirror.CreateClient();
        using var start = await http.PostAsync("/v2/team/pushed/blobs/uploads/", null);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, start.StatusCode);
        Assert.Contains("\"UNSUPPORTED\"", await start.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await _mirror.HoldsAsync(image.Layers[0].Digest));
    }

    [Fact]
    public async Task Push_IntoTheLocalNamespace_IsAccepted_WhileOtherNamesStayRefused()
    {
        var source = new OciLayoutBuilder(_work.Combine("local-source"), seed: 65);
        source.Tag("v1", source.AddImage(layerCount: 1).Manifest);
        await using var mirror = await MirrorServer.StartAsync(_origin.BaseAddress, new Dictionary<string, string?> { ["Mirror:LocalNamespace"] = "local" });

        await _skopeo.PushAsync(source.Directory, "v1", $"{mirror.HostPort}/local/tools:v1");
        await _skopeo.PullAsync($"{mirror.HostPort}/local/tools:v1", _work.Combine("local-pulled"), "v1");

        LayoutAssert.SameContent(source.Directory, _work.Combine("local-pulled"), "v1");
        using var http = mirror.CreateClient();
        using var refused = await http.PostAsync("/v2/elsewhere/tools/blobs/uploads/", null);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, refused.StatusCode);
        using var origin = _origin.CreateClient();
        using var notUpstream = await origin.GetAsync("/v2/local/tools/manifests/v1");
        Assert.Equal(HttpStatusCode.NotFound, notUpstream.StatusCode);
    }
}
