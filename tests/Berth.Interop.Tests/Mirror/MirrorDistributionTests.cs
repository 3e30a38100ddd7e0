using Berth.Interop.Tests.Fixtures;
using Berth.Interop.Tests.Layout;

namespace Berth.Interop.Tests.Mirror;

/// <summary>Berth as a mirror of the reference registry (CNCF distribution 2.8, started on loopback), pulled with skopeo.</summary>
public sealed class MirrorDistributionTests(DistributionFixture distribution) : IClassFixture<DistributionFixture>
{
    private readonly Tools.Skopeo _skopeo = new();

    [Fact]
    public async Task SkopeoPull_ThroughMirrorOfDistribution_KeepsEveryDigestAndByte_AndCachesTheImage()
    {
        using var work = new TempDirectory("berth-mirror-dist-");
        var source = new OciLayoutBuilder(work.Combine("source"), seed: 81);
        var image = source.AddImage(layerCount: 3);
        source.Tag("v1", image.Manifest);
        await _skopeo.PushAsync(source.Directory, "v1", $"{distribution.HostPort}/upstream/app:v1");
        await using var mirror = await MirrorServer.StartAsync(distribution.BaseAddress);

        await _skopeo.PullAsync($"{mirror.HostPort}/upstream/app:v1", work.Combine("pulled"), "v1");
        await _skopeo.PullAsync($"{mirror.HostPort}/upstream/app@{image.Manifest.Digest}", work.Combine("by-digest"), "v1");

        LayoutAssert.SameContent(source.Directory, work.Combine("pulled"), "v1");
        foreach (var digest in OciLayout.ReachableDigests(source.Directory, image.Manifest.Digest))
        {
            Assert.True(await mirror.HoldsAsync(digest), $"The mirror did not cache {digest}.");
        }
    }
}
