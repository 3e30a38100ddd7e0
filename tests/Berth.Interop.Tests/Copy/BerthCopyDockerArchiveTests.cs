using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Berth.Interop.Tests.Fixtures;
using Berth.Interop.Tests.Layout;
using Berth.Interop.Tests.Tools;

namespace Berth.Interop.Tests.Copy;

/// <summary>
/// docker-archive: as the destination of berth copy and pull, read back by skopeo (inspect, copy to a layout, checked
/// blob by blob) and loaded by podman (which checks every layer against the config's diff-ids).
/// </summary>
public sealed class BerthCopyDockerArchiveTests(FilesystemBerthFixture berth) : IClassFixture<FilesystemBerthFixture>
{
    private readonly Tools.Skopeo _skopeo = new();

    [Theory]
    [InlineData("gzip")]
    [InlineData("zstd")]
    public async Task Copy_RegistryToDockerArchive_StoresTheDiffIds_SkopeoReadsIt_AndPodmanLoadsIt(string compression)
    {
        using var work = new TempDirectory();
        var source = new OciLayoutBuilder(work.Combine("source"), seed: 181);
        var image = source.AddImage(layerCount: 3, filesPerLayer: 3, maxFileSize: 2 * 1024 * 1024);
        source.Tag("v1", image.Manifest);
        var reference = $"{berth.HostPort}/archive/{compression}:v1";
        await BerthCli.RunAsync("copy", "--compress", compression, $"oci:{source.Directory}:v1", $"docker://{reference}");
        var archive = work.Combine("out.tar");

        await BerthCli.RunAsync("copy", $"docker://{reference}", $"docker-archive:{archive}:test/out:v1");

        var inspected = JsonNode.Parse((await _skopeo.RunAsync("inspect", $"docker-archive:{archive}")).StandardOutput)!;
        Assert.Equal(image.DiffIds, inspected["Layers"]!.AsArray().Select(l => l!.GetValue<string>()));
        var config = (await _skopeo.RunAsync("inspect", "--config", "--raw", $"docker-archive:{archive}")).StandardOutput;
        Assert.Equal(image.Config.Digest, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(config))));
        await _skopeo.RunAsync("copy", $"docker-archive:{archive}", $"oci:{work.Combine("copied")}:v1");
        var copied = OciLayout.Resolve(work.Combine("copied"), "v1");
        var manifest = JsonNode.Parse(File.ReadAllBytes(OciLayout.BlobPath(work.Combine("copied"), copied.Digest)))!;
        Assert.Equal(image.Config.Digest, manifest["config"]!["digest"]!.GetValue<string>());

        var podman = new Tools.Podman(work.Combine("podman"));
        var loaded = await podman.RunAsync("load", "--input", archive);
        Assert.Contains("test/out:v1", loaded.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(image.Config.Digest["sha256:".Length..], await podman.ImageIdAsync("test/out:v1"));
        var unpacked = await podman.RunAsync("image", "inspect", "--format", "{{json .RootFS.Layers}}", "test/out:v1");
        Assert.Equal(image.DiffIds, JsonNode.Parse(unpacked.StandardOutput)!.AsArray().Select(l => l!.GetValue<string>()));
        Assert.Empty(Directory.GetFileSystemEntries(work.Path, ".out.tar.berth-*"));
    }

    [Fact]
    public async Task Pull_ToATarFile_NamesTheArchiveAfterTheReference_AndBerthPushesItBack()
    {
        using var work = new TempDirectory();
        var source = new OciLayoutBuilder(work.Combine("source"), seed: 182);
        var image = source.AddImage(layerCount: 2);
        source.Tag("v1", image.Manifest);
        var reference = $"{berth.HostPort}/archive/pulled:v1";
        await _skopeo.PushAsync(source.Directory, "v1", reference);
        var archive = work.Combine("pulled.tar");

        await BerthCli.RunAsync("pull", reference, archive);
        var pushed = await BerthCli.RunAsync("push", archive, $"{berth.HostPort}/archive/pushed-back:v1");

        var entries = DockerArchive.ManifestJson(archive);
        Assert.Equal(reference, Assert.Single(entries[0]!["RepoTags"]!.AsArray())!.GetValue<string>());
        Assert.Equal(image.DiffIds.Select(d => "blobs/sha256/" + d["sha256:".Length..]), entries[0]!["Layers"]!.AsArray().Select(l => l!.GetValue<string>()));
        var back = JsonNode.Parse(await _skopeo.InspectRawAsync($"{berth.HostPort}/archive/pushed-back:v1"))!;
        Assert.Equal(pushed, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(await _skopeo.InspectRawAsync($"{berth.HostPort}/archive/pushed-back:v1")))));
        Assert.Equal(image.Config.Digest, back["config"]!["digest"]!.GetValue<string>());
    }

    [Fact]
    public async Task Copy_IndexWithAllOrReferrers_ToDockerArchive_Exits6_AndLeavesNoFile()
    {
        using var work = new TempDirectory();
        var source = new OciLayoutBuilder(work.Combine("source"), seed: 183);
        var amd64 = source.AddImage(layerCount: 1, architecture: "amd64");
        var arm64 = source.AddImage(layerCount: 1, architecture: "arm64");
        source.Tag("multi", source.AddIndex([amd64, arm64]));
        source.Tag("sbom", source.AddArtifact("application/vnd.berth.test.sbom", amd64.Manifest, "application/spdx+json", source.RandomBytes(512)));
        var archive = work.Combine("refused.tar");

        var all = await BerthCli.TryRunAsync(null, "copy", "--all", $"oci:{source.Directory}:multi", $"docker-archive:{archive}");
        var referrers = await BerthCli.TryRunAsync(null, "copy", "--referrers", $"oci:{source.Directory}:multi", $"docker-archive:{archive}");
        var byDigest = await BerthCli.TryRunAsync(null, "copy", $"oci:{source.Directory}:multi", $"docker-archive:{archive}:app@{amd64.Manifest.Digest}");

        Assert.Equal(6, all.ExitCode);
        Assert.Contains("one image, not an index", all.StandardError, StringComparison.Ordinal);
        Assert.Equal(6, referrers.ExitCode);
        Assert.Contains("referrers", referrers.StandardError, StringComparison.Ordinal);
        Assert.Equal(2, byDigest.ExitCode);
        Assert.Equal([Path.Combine(work.Path, "source")], Directory.GetFileSystemEntries(work.Path));
        var platform = await BerthCli.TryRunAsync(null, "copy", "--platform", "linux/arm64", $"oci:{source.Directory}:multi", $"docker-archive:{archive}");
        Assert.Equal(0, platform.EnsureSuccess().ExitCode);
        var written = Assert.Single(DockerArchive.ManifestJson(archive))!;
        Assert.Equal("blobs/sha256/" + arm64.Config.Digest["sha256:".Length..], written["Config"]!.GetValue<string>());
        Assert.Empty(written["RepoTags"]!.AsArray());
    }
}
