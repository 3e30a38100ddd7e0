using System.Text.Json.Nodes;
using Berth.Client;
using Berth.Interop.Tests.Fixtures;
using Berth.Interop.Tests.Layout;

namespace Berth.Interop.Tests.Replication;

/// <summary>
/// Replication when things fail: the target down during a push (the execution is retried with back-off and completes
/// once the target is back), and the replicating node killed in the middle of an execution (after a restart the
/// execution is taken over once its lease expired, resumes with the blobs already copied skipped, and the target
/// holds a whole, correct image).
/// </summary>
public sealed class ReplicationFaultTests(DistributionFixture distribution) : IClassFixture<DistributionFixture>
{
    private readonly Tools.Skopeo _skopeo = new();

    [Fact]
    public async Task TargetDownDuringThePush_ExecutionIsRetried_AndCompletesWhenTheTargetIsBack()
    {
        using var work = new TempDirectory("berth-repl-down-");
        await using var node = await ReplicationNode.StartAsync(work.Combine("berth"));
        await node.AddTargetAsync("dist", distribution.HostPort);
        await node.AddRuleAsync("to-dist", "dist", new JsonObject { ["trigger"] = "Event", ["repositoryFilter"] = "down/**" });
        var source = new OciLayoutBuilder(work.Combine("source"), seed: 1820);
        var image = source.AddImage(layerCount: 2);
        source.Tag("v1", image.Manifest);

        await distribution.PauseAsync();
        try
        {
            await _skopeo.PushAsync(source.Directory, "v1", $"{node.HostPort}/down/app:v1");
            var failing = await node.WaitForExecutionsAsync(
                e => e.Count == 1 && e[0]["attempts"]!.GetValue<int>() >= 2 && e[0]["status"]!.GetValue<string>() == "Queued",
                TimeSpan.FromSeconds(30));
            Assert.Contains("down/app:v1", failing[0]["errors"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        finally
        {
            await distribution.ResumeAsync();
        }

        var done = Assert.Single(await node.WaitForExecutionsAsync(e => e.Count == 1 && ReplicationNode.Succeeded(e[0]), TimeSpan.FromSeconds(30)));
        Assert.True(done["attempts"]!.GetValue<int>() >= 3);
        Assert.Equal(image.Manifest.Digest, await ReplicationToDistributionTests.DigestAtAsync(distribution.BaseAddress, "down/app", "v1"));
        await _skopeo.PullAsync($"{distribution.HostPort}/down/app:v1", work.Combine("pulled"), "v1");
        LayoutAssert.SameContent(source.Directory, work.Combine("pulled"), "v1");
    }

    [Fact]
    public async Task NodeKilledInTheMiddleOfAnExecution_ResumesAfterRestart_SkippingCopiedBlobs_AndTheTargetImageIsWhole()
    {
        using var work = new TempDirectory("berth-repl-kill-");
        // A lease long enough that renewals on a loaded machine never miss it, short enough to wait out after the kill.
        await using var node = await ReplicationNode.StartAsync(work.Combine("berth"), "--Replication:LeaseDuration=00:00:10");
        await node.AddTargetAsync("dist", distribution.HostPort);
        // One blob at a time at 256 KiB/s: each layer of about 1 MiB takes seconds, so the kill lands between layers.
        await node.AddRuleAsync("slow", "dist", new JsonObject { ["repositoryFilter"] = "slow/**", ["concurrency"] = 1, ["bandwidthLimit"] = 256 * 1024 });
        var source = new OciLayoutBuilder(work.Combine("source"), seed: 1821);
        var image = source.AddImage(layerCount: 3, filesPerLayer: 8, maxFileSize: 256 * 1024);
        source.Tag("v1", image.Manifest);
        await _skopeo.PushAsync(source.Directory, "v1", $"{node.HostPort}/slow/app:v1");

        var id = await node.RunAsync("slow");
        using var target = RegistryClient.Create(new RegistryClientOptions { BaseAddress = distribution.BaseAddress });
        await WaitUntilAsync(async () => await CountAsync(target, image.Layers) >= 1, TimeSpan.FromSeconds(60));
        Assert.True(await CountAsync(target, image.Layers) < image.Layers.Count, "Every layer was copied before the kill; the test needs a slower copy.");
        await node.Process.KillAsync();
        await node.RestartAsync();

        var done = (await node.WaitForExecutionsAsync(e => e.Any(x => x["id"]!.GetValue<long>() == id && ReplicationNode.Succeeded(x)), TimeSpan.FromSeconds(90)))
            .Single(x => x["id"]!.GetValue<long>() == id);
        Assert.True(done["attempts"]!.GetValue<int>() == 2, done.ToJsonString() + "\nberth log:\n" + node.Process.Log);
        Assert.True(done["blobsSkipped"]!.GetValue<int>() >= 2, $"The resumed attempt copied again what was there: {done}");
        Assert.Equal(image.Manifest.Digest, await ReplicationToDistributionTests.DigestAtAsync(distribution.BaseAddress, "slow/app", "v1"));
        await _skopeo.PullAsync($"{distribution.HostPort}/slow/app:v1", work.Combine("pulled"), "v1");
        LayoutAssert.SameContent(source.Directory, work.Combine("pulled"), "v1");
    }

    private static async Task<int> CountAsync(RegistryClient target, IReadOnlyList<OciDescriptor> layers)
    {
        var present = 0;
        foreach (var layer in layers)
        {
            present += await target.BlobExistsAsync("slow/app", layer.Digest, default) ? 1 : 0;
        }

        return present;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan deadline)
    {
        var until = DateTime.UtcNow + deadline;
        while (!await condition())
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"The condition did not hold within {deadline}.");
            }

            await Task.Delay(50);
        }
    }
}
