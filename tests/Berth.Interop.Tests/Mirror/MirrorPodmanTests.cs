using Berth.Interop.Tests.Fixtures;
using Berth.Interop.Tests.Layout;
using Berth.Interop.Tests.Tools;
using Berth.Testing;

namespace Berth.Interop.Tests.Mirror;

/// <summary>podman, told by registries.conf that Berth mirrors a registry, pulls that registry's image through Berth.</summary>
public sealed class MirrorPodmanTests
{
    [Fact]
    public async Task PodmanPull_WithRegistriesConfMirrorEntry_PullsThroughBerthAndKeepsTheImageId()
    {
        using var work = new TempDirectory("berth-mirror-podman-");
        await using var upstream = await BerthTestServer.StartAsync();
        await using var mirror = await MirrorServer.StartAsync(upstream.BaseAddress);
        var source = new OciLayoutBuilder(work.Combine("source"), seed: 91);
        var image = source.AddImage(layerCount: 2);
        source.Tag("v1", image.Manifest);
        await new Tools.Skopeo().PushAsync(source.Directory, "v1", $"{upstream.HostPort}/site/podman:v1");
        var registriesConf = work.Combine("registries.conf");
        await File.WriteAllTextAsync(registriesConf, $"""
            unqualified-search-registries = []

            [[registry]]
            location = "{upstream.HostPort}"
            insecure = true

            [[registry.mirror]]
            location = "{mirror.HostPort}"
            insecure = true
            """);
        var podman = new Tools.Podman(work.Combine("podman"));

        var pulled = await ProcessRunner.RunAsync(
            RequiredTool.Locate("podman", "podman"),
            ["--root", work.Combine("podman/root"), "--runroot", work.Combine("podman/run"), "--tmpdir", work.Combine("podman/tmp"), "--storage-driver=vfs",
             "--events-backend=file", "--cgroup-manager=cgroupfs", "pull", "--quiet", $"{upstream.HostPort}/site/podman:v1"],
            environment: new Dictionary<string, string> { ["CONTAINERS_REGISTRIES_CONF"] = registriesConf });
        pulled.EnsureSuccess();

        Assert.Equal(image.Config.Digest[(image.Config.Digest.IndexOf(':', StringComparison.Ordinal) + 1)..], await podman.ImageIdAsync($"{upstream.HostPort}/site/podman:v1"));
        foreach (var layer in image.Layers)
        {
            Assert.True(await mirror.HoldsAsync(layer.Digest), $"podman did not pull {layer.Digest} through the mirror.");
        }
    }
}
