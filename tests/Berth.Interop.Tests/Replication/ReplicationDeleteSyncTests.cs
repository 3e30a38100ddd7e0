using System.Text.Json.Nodes;
using Berth.Interop.Tests.Fixtures;
using Berth.Interop.Tests.Layout;

namespace Berth.Interop.Tests.Replication;

/// <summary>
/// Delete propagation by full runs (processes: Berth and CNCF distribution 2.8): a pull rule's run deletes here the tags
/// in its scope that the source no longer has, and a push rule's run does the same at the target, when the rule
/// propagates deletes; without it, or outside the rule's filters, tags are kept.
/// </summary>
public sealed class ReplicationDeleteSyncTests(DistributionFixture distribution) : IClassFixture<DistributionFixture>
{
    private static readonly TimeSpan RunWithin = TimeSpan.FromSeconds(30);

    private readonly Tools.Skopeo _skopeo = new();

    [Fact]
    public async Task PullRule_PropagatingDeletes_RemovesHereTheTagsDeletedAtTheSource_KeepsOthers_AndARuleWithoutKeepsAll()
    {
        using var work = new TempDirectory("berth-repl-pullsync-");
        var source = new OciLayoutBuilder(work.Combine("source"), seed: 1811);
        // Distinct images: distribution deletes a manifest by digest, with every tag pointing at it.
        var first = source.AddImage(layerCount: 1);
        var second = source.AddImage(layerCount: 1);
        source.Tag("v1", first.Manifest);
        source.Tag("v2", second.Manifest);
        source.Tag("local", second.Manifest);
        foreach (var repository in new[] { "pullsync-on/tool", "pullsync-off/tool" })
        {
            await _skopeo.PushAsync(source.Directory, "v1", $"{distribution.HostPort}/{repository}:v1");
            await _skopeo.PushAsync(source.Directory, "v2", $"{distribution.HostPort}/{repository}:v2");
        }

        await using var node = await ReplicationNode.StartAsync(work.Combine("berth"));
        await node.AddTargetAsync("dist", distribution.HostPort);
        await node.AddRuleAsync("sync-on", "dist", new JsonObject { ["direction"] = "Pull", ["repositoryFilter"] = "pullsync-on/**", ["tagFilter"] = "v*", ["propagateDeletes"] = true });
        await node.AddRuleAsync("sync-off", "dist", new JsonObject { ["direction"] = "Pull", ["repositoryFilter"] = "pullsync-off/**", ["tagFilter"] = "v*" });
        await RunAndWaitAsync(node, "sync-on");
        await RunAndWaitAsync(node, "sync-off");
        // A tag pushed here, outside the rule's tag filter: the rule's deletes never reach it.
        await _skopeo.PushAsync(source.Directory, "local", $"{node.HostPort}/pullsync-on/tool:local");
        Assert.Equal(first.Manifest.Digest, await DigestAsync(node.Process.BaseAddress, "pullsync-on/tool", "v1"));

        await _skopeo.DeleteAsync($"{distribution.HostPort}/pullsync-on/tool@{first.Manifest.Digest}");
        await _skopeo.DeleteAsync($"{distribution.HostPort}/pullsync-off/tool@{first.Manifest.Digest}");
        var on = await RunAndWaitAsync(node, "sync-on");
        var off = await RunAndWaitAsync(node, "sync-off");

        Assert.Null(await DigestAsync(node.Process.BaseAddress, "pullsync-on/tool", "v1"));
        Assert.Equal(second.Manifest.Digest, await DigestAsync(node.Process.BaseAddress, "pullsync-on/tool", "v2"));
        Assert.Equal(second.Manifest.Digest, await DigestAsync(node.Process.BaseAddress, "pullsync-on/tool", "local"));
        Assert.Equal(first.Manifest.Digest, await DigestAsync(node.Process.BaseAddress, "pullsync-off/tool", "v1"));
        Assert.Contains("deleted pullsync-on/tool:v1", Items(on));
        Assert.Contains("skipped pullsync-on/tool:v2", Items(on));
        Assert.DoesNotContain(Items(off), i => i.StartsWith("deleted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PushRule_ManualRunPropagatingDeletes_RemovesAtTheTargetTheTagsDeletedHere_UnderTheDestinationNamespace()
    {
        using var work = new TempDirectory("berth-repl-pushsync-");
        var source = new OciLayoutBuilder(work.Combine("source"), seed: 1812);
        var first = source.AddImage(layerCount: 1);
        var second = source.AddImage(layerCount: 1);
        source.Tag("v1", first.Manifest);
        source.Tag("v2", second.Manifest);
        await using var node = await ReplicationNode.StartAsync(work.Combine("berth"));
        await node.AddTargetAsync("dist", distribution.HostPort);
        await node.AddRuleAsync("push-sync", "dist", new JsonObject { ["repositoryFilter"] = "pushsync/**", ["destinationNamespace"] = "pushsync-dr", ["propagateDeletes"] = true });
        await _skopeo.PushAsync(source.Directory, "v1", $"{node.HostPort}/pushsync/app:v1");
        await _skopeo.PushAsync(source.Directory, "v2", $"{node.HostPort}/pushsync/app:v2");
        await RunAndWaitAsync(node, "push-sync");
        Assert.Equal(first.Manifest.Digest, await DigestAsync(distribution.BaseAddress, "pushsync-dr/app", "v1"));

        await _skopeo.DeleteAsync($"{node.HostPort}/pushsync/app:v1");
        var run = await RunAndWaitAsync(node, "push-sync");

        Assert.Null(await DigestAsync(distribution.BaseAddress, "pushsync-dr/app", "v1"));
        Assert.Equal(second.Manifest.Digest, await DigestAsync(distribution.BaseAddress, "pushsync-dr/app", "v2"));
        Assert.Contains("deleted pushsync-dr/app:v1", Items(run));
    }

    /// <summary>Queues a run by hand and waits until it succeeded; returns its record.</summary>
    private static async Task<JsonObject> RunAndWaitAsync(ReplicationNode node, string rule)
    {
        var id = await node.RunAsync(rule);
        var executions = await node.WaitForExecutionsAsync(e => e.Any(x => x["id"]!.GetValue<long>() == id && x["status"]!.GetValue<string>() is "Succeeded" or "Failed"), RunWithin, rule);
        var execution = executions.Single(x => x["id"]!.GetValue<long>() == id);
        Assert.True(ReplicationNode.Succeeded(execution), execution.ToJsonString());
        return execution;
    }

    private static List<string> Items(JsonObject execution) =>
        [.. execution["items"]!.AsArray().Select(i => $"{i!["status"]!.GetValue<string>().ToLowerInvariant()} {i["image"]!.GetValue<string>()}")];

    private static Task<string?> DigestAsync(Uri registry, string repository, string reference) =>
        ReplicationToDistributionTests.DigestAtAsync(registry, repository, reference);
}
