using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Berth.Interop.Tests.Fixtures;
using Berth.Interop.Tests.Http;
using Berth.Interop.Tests.Layout;
using Berth.Interop.Tests.Tools;

namespace Berth.Interop.Tests.Copy;

/// <summary>
/// berth copy/push/pull as a real process between Berth, distribution 2.8, OCI layouts and docker-archives, with the
/// results read back by skopeo and podman (which check every layer's diff-id against the config when they unpack).
/// </summary>
public sealed class BerthCopyTests(FilesystemBerthFixture berth, DistributionFixture distribution)
    : IClassFixture<FilesystemBerthFixture>, IClassFixture<DistributionFixture>
{
    private const string LayerZstd = "application/vnd.oci.image.layer.v1.tar+zstd";
    private readonly Tools.Skopeo _skopeo = new();

    [Theory]
    [InlineData("gzip", OciMediaTypes.LayerGzip)]
    [InlineData("zstd", LayerZstd)]
    public async Task Push_DockerArchive_CompressesEachLayer_AndPodmanPullsIt(string compression, string layerType)
    {
        using var work = new TempDirectory();
        var source = new OciLayoutBuilder(work.Combine("source"), seed: 171);
        var image = source.AddImage(layerCount: 3, filesPerLayer: 3, maxFileSize: 3 * 1024 * 1024);
        source.Tag("v1", image.Manifest);
        var archive = work.Combine("image.tar");
        await _skopeo.RunAsync("copy", $"oci:{source.Directory}:v1", $"docker-archive:{archive}:test/app:v1");
        var reference = $"{berth.HostPort}/copy/archive-{compression}:v1";

        var digest = await BerthCli.RunAsync("push", archive, reference, "--compress", compression);

        var manifest = JsonNode.Parse(await _skopeo.InspectRawAsync(reference))!;
        Assert.Equal(digest, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(await _skopeo.InspectRawAsync(reference)))));
        var layers = manifest["layers"]!.AsArray();
        Assert.Equal(3, layers.Count);
        Assert.All(layers, l => Assert.Equal(layerType, l!["mediaType"]!.GetValue<string>()));
        Assert.Equal(image.Config.Digest, manifest["config"]!["digest"]!.GetValue<string>());

        var podman = new Tools.Podman(work.Combine("podman"));
        await podman.PullAsync(reference);
        Assert.Equal(image.Config.Digest["sha256:".Length..], await podman.ImageIdAsync(reference));
    }

    [Fact]
    public async Task Push_GzipLayers_AreMultiMemberStreamsThatGunzipReadsToTheDiffId()
    {
        using var work = new TempDirectory();
        var source = new OciLayoutBuilder(work.Combine("source"), seed: 172);
        var image = source.AddImage(layerCount: 1, filesPerLayer: 3, maxFileSize: 6 * 1024 * 1024);
        source.Tag("v1", image.Manifest);
        var archive = work.Combine("image.tar");
        await _skopeo.RunAsync("copy", $"oci:{source.Directory}:v1", $"docker-archive:{archive}:test/app:v1");
        var reference = $"{berth.HostPort}/copy/members:v1";

        await BerthCli.RunAsync("push", archive, reference, "--compress-level", "1");

        var manifest = JsonNode.Parse(await _skopeo.InspectRawAsync(reference))!;
        var layer = manifest["layers"]![0]!["digest"]!.GetValue<string>();
        using var http = berth.CreateClient();
        var compressed = work.Combine("layer.gz");
        await File.WriteAllBytesAsync(compressed, await http.GetByteArrayAsync($"/v2/copy/members/blobs/{layer}"));
        var gunzip = await ProcessRunner.RunAsync("bash", ["-c", $"gzip -dc '{compressed}' | sha256sum"]);
        Assert.Equal(image.DiffIds[0]["sha256:".Length..], gunzip.EnsureSuccess().StandardOutput.Split(' ')[0]);
    }

    [Fact]
    public async Task Copy_DistributionToBerth_AndBerthToLayout_KeepsEveryDigest_AndMountsWithinARegistry()
    {
        using var work = new TempDirectory();
        var source = new OciLayoutBuilder(work.Combine("source"), seed: 173);
        source.Tag("v1", source.AddImage(layerCount: 3).Manifest);
        await _skopeo.PushAsync(source.Directory, "v1", $"{distribution.HostPort}/copy/app:v1");

        await BerthCli.RunAsync("copy", $"docker://{distribution.HostPort}/copy/app:v1", $"docker://{berth.HostPort}/copy/app:v1");
        await BerthCli.RunAsync("copy", $"docker://{berth.HostPort}/copy/app:v1", $"docker://{berth.HostPort}/copy/mounted:v1");
        await BerthCli.RunAsync("pull", $"{berth.HostPort}/copy/mounted:v1", work.Combine("pulled"));

        LayoutAssert.SameContent(source.Directory, work.Combine("pulled"), "v1");
        var again = await BerthCli.TryRunAsync(null, "copy", $"docker://{berth.HostPort}/copy/app:v1", $"docker://{berth.HostPort}/copy/app:v1");
        Assert.Equal(0, again.EnsureSuccess().ExitCode);
    }

    [Fact]
    public async Task Copy_MultiPlatformIndex_AllKeepsTheIndex_PlatformPicksOne()
    {
        using var work = new TempDirectory();
        var source = new OciLayoutBuilder(work.Combine("source"), seed: 174);
        var amd64 = source.AddImage(layerCount: 2, architecture: "amd64");
        var arm64 = source.AddImage(layerCount: 2, architecture: "arm64");
        var index = source.AddIndex([amd64, arm64]);
        source.Tag("multi", index);

        var all = await BerthCli.RunAsync("copy", "--all", $"oci:{source.Directory}:multi", $"docker://{berth.HostPort}/copy/multi:v1");
        var one = await BerthCli.RunAsync("copy", "--platform", "linux/arm64", $"oci:{source.Directory}:multi", $"docker://{berth.HostPort}/copy/arm:v1");

        Assert.Equal(index.Digest, all);
        Assert.Equal(arm64.Manifest.Digest, one);
        await _skopeo.PullAsync($"{berth.HostPort}/copy/multi:v1", work.Combine("pulled"), "multi");
        LayoutAssert.SameContent(source.Directory, work.Combine("pulled"), "multi");
        var missing = await BerthCli.TryRunAsync(null, "copy", "--platform", "linux/s390x", $"oci:{source.Directory}:multi", $"docker://{berth.HostPort}/copy/none:v1");
        Assert.Equal(3, missing.ExitCode);
        Assert.Contains("linux/amd64, linux/arm64", missing.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Copy_WithReferrers_CopiesTheArtifactWhoseSubjectIsTheImage()
    {
        using var work = new TempDirectory();
        var source = new OciLayoutBuilder(work.Combine("source"), seed: 175);
        var image = source.AddImage(layerCount: 1);
        var sbom = source.AddArtifact("application/vnd.berth.test.sbom", image.Manifest, "application/spdx+json", source.RandomBytes(4096));
        source.Tag("v1", image.Manifest);
        source.Tag("sbom", sbom);

        await BerthCli.RunAsync("copy", "--referrers", $"oci:{source.Directory}:v1", $"docker://{berth.HostPort}/copy/signed:v1");
        await BerthCli.RunAsync("copy", "--referrers", $"docker://{berth.HostPort}/copy/signed:v1", $"oci:{work.Combine("pulled")}:v1");

        using var http = berth.CreateClient();
        var referrers = JsonNode.Parse(await http.GetStringAsync($"/v2/copy/signed/referrers/{image.Manifest.Digest}"))!["manifests"]!.AsArray();
        Assert.Equal(sbom.Digest, Assert.Single(referrers)!["digest"]!.GetValue<string>());
        Assert.True(File.Exists(OciLayout.BlobPath(work.Combine("pulled"), sbom.Digest)), "The referrer was not pulled into the layout.");
        var listed = JsonNode.Parse(File.ReadAllText(Path.Combine(work.Combine("pulled"), "index.json")))!["manifests"]!.AsArray();
        Assert.Contains(listed, m => m!["digest"]!.GetValue<string>() == sbom.Digest);
    }

    [Fact]
    public async Task Push_ConnectionCutMidBlob_ResumesFromTheUploadStatus()
    {
        using var work = new TempDirectory();
        var source = new OciLayoutBuilder(work.Combine("source"), seed: 176);
        var image = source.AddImage(layerCount: 1, filesPerLayer: 2, maxFileSize: 6 * 1024 * 1024);
        source.Tag("v1", image.Manifest);
        var layer = image.Layers[0];
        Assert.True(layer.Size > 3 * 1024 * 1024, "The test layer must span several chunks.");
        await using var proxy = new DroppingProxy(IPEndPoint.Parse(berth.HostPort), dropAfter: 2_500_000);

        var digest = await BerthCli.RunAsync("copy", "--chunk-size", "1MiB", $"oci:{source.Directory}:v1", $"docker://{proxy.HostPort}/copy/resumed:v1");

        Assert.Equal(image.Manifest.Digest, digest);
        Assert.Equal(1, proxy.Drops);
        // Resumed, not restarted: at most one chunk (1 MiB) was sent twice, plus headers.
        Assert.InRange(proxy.Forwarded, layer.Size, layer.Size + image.Config.Size + (1536 * 1024));
        await _skopeo.PullAsync($"{berth.HostPort}/copy/resumed:v1", work.Combine("pulled"), "v1");
        LayoutAssert.SameContent(source.Directory, work.Combine("pulled"), "v1");
    }

    [Fact]
    public async Task Copy_BadInput_ExitsWithTheDocumentedCodes()
    {
        using var work = new TempDirectory();
        var usage = await BerthCli.TryRunAsync(null, "copy", "nowhere:thing", $"docker://{berth.HostPort}/copy/x:v1");
        var missing = await BerthCli.TryRunAsync(null, "copy", $"docker://{berth.HostPort}/copy/absent:v1", $"oci:{work.Combine("out")}:v1");
        var layout = await BerthCli.TryRunAsync(null, "copy", $"oci:{work.Combine("none")}:v1", $"docker://{berth.HostPort}/copy/x:v1");

        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("names no transport", usage.StandardError, StringComparison.Ordinal);
        Assert.Equal(3, missing.ExitCode);
        Assert.Contains("404", missing.StandardError, StringComparison.Ordinal);
        Assert.Equal(3, layout.ExitCode);
    }
}
