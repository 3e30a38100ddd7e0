using System.Text.Json.Nodes;
using Berth.Client;
using Berth.Interop.Tests.Fixtures;
using Berth.Interop.Tests.Layout;
using Xunit.Abstractions;

namespace Berth.Interop.Tests.Replication;

/// <summary>
/// Replication between a Berth process and the reference registry (CNCF distribution 2.8, as a process): push rules
/// on push events with filters, namespace rewriting and delete propagation; a pull rule on a schedule.
/// </summary>
public sealed class ReplicationToDistributionTests(DistributionFixture distribution, ITestOutputHelper output) : IClassFixture<DistributionFixture>
{
    /// <summary>How long an event-triggered copy of a small image may take to show at the target (measured: well under 2 s).</summary>
    public static readonly TimeSpan VisibleWithin = TimeSpan.FromSeconds(10);

    private readonly Tools.Skopeo _skopeo = new();

    [Fact]
    public async Task PushRule_OnPushEvent_ImageAppearsAtDistributionWithinBound_WithTheSameDigest_AndPullsWithSkopeo()
    {
        using var work = new TempDirectory("berth-repl-push-");
        await using var node = await ReplicationNode.StartAsync(work.Combine("berth"));
        await node.AddTargetAsync("dist", distribution.HostPort);
        await node.AddRuleAsync("to-dist", "dist", new JsonObject { ["trigger"] = "Event", ["repositoryFilter"] = "push/**" });
        var source = new OciLayoutBuilder(work.Combine("source"), seed: 1801);
        var image = source.AddImage(layerCount: 3);
        source.Tag("v1", image.Manifest);

        await _skopeo.PushAsync(source.Directory, "v1", $"{node.HostPort}/push/app:v1");
        var (_, elapsed) = await TargetPoll.UntilPresentAsync(_skopeo, $"{distribution.HostPort}/push/app:v1", VisibleWithin);
        output.WriteLine($"push/app:v1 visible at distribution {elapsed.TotalMilliseconds:0} ms after skopeo's push returned");

        Assert.Equal(image.Manifest.Digest, await DigestAtAsync(distribution.BaseAddress, "push/app", "v1"));
        await _skopeo.PullAsync($"{distribution.HostPort}/push/app:v1", work.Combine("pulled"), "v1");
        LayoutAssert.SameContent(source.Directory, work.Combine("pulled"), "v1");
        var execution = Assert.Single(await node.WaitForExecutionsAsync(e => e.Count == 1 && ReplicationNode.Succeeded(e[0]), VisibleWithin));
        Assert.Equal("Event", execution["trigger"]!.GetValue<string>());
        Assert.Equal(1, execution["itemsCopied"]!.GetValue<int>());
        Assert.Equal(image.Layers.Count + 1, execution["blobsCopied"]!.GetValue<int>());
        Assert.True(execution["bytes"]!.GetValue<long>() >= image.Layers.Sum(l => l.Size));
    }

    [Fact]
    public async Task PushRule_WithTagAndRepositoryFilters_CopiesOnlyWhatMatches_UnderTheDestinationNamespace()
    {
        using var work = new TempDirectory("berth-repl-filter-");
        await using var node = await ReplicationNode.StartAsync(work.Combine("berth"));
        await node.AddTargetAsync("dist", distribution.HostPort);
        await node.AddRuleAsync("releases", "dist", new JsonObject
        {
            ["trigger"] = "Event",
            ["repositoryFilter"] = "team/*",
            ["tagFilter"] = "v*",
            ["destinationNamespace"] = "dr",
        });
        var source = new OciLayoutBuilder(work.Combine("source"), seed: 1802);
        var image = source.AddImage(layerCount: 1);
        source.Tag("v1", image.Manifest);
        source.Tag("dev", image.Manifest);

        await _skopeo.PushAsync(source.Directory, "dev", $"{node.HostPort}/team/web:dev");
        await _skopeo.PushAsync(source.Directory, "v1", $"{node.HostPort}/other/web:v1");
        await _skopeo.PushAsync(source.Directory, "v1", $"{node.HostPort}/team/deep/web:v1");
        await _skopeo.PushAsync(source.Directory, "v1", $"{node.HostPort}/team/web:v1");

        await TargetPoll.UntilPresentAsync(_skopeo, $"{distribution.HostPort}/dr/web:v1", VisibleWithin);
        Assert.Equal(image.Manifest.Digest, await DigestAtAsync(distribution.BaseAddress, "dr/web", "v1"));
        // Only the matching push queued an execution, and it is done: nothing else can still arrive.
        var execution = Assert.Single(await node.WaitForExecutionsAsync(e => e.Count >= 1 && e.All(ReplicationNode.Succeeded), VisibleWithin));
        Assert.Equal("team/web", execution["repository"]!.GetValue<string>());
        Assert.Equal("v1", execution["reference"]!.GetValue<string>());
        using var client = RegistryClient.Create(new RegistryClientOptions { BaseAddress = distribution.BaseAddress });
        Assert.DoesNotContain("dev", await client.ListTagsAsync("dr/web", default));
        Assert.DoesNotContain(await client.ListRepositoriesAsync(default), r => r is "team/web" or "other/web" or "dr/deep/web" or "team/deep/web");
    }

    [Fact]
    public async Task PushRules_DeletePropagation_OnRemovesTheManifestAtTheTarget_OffKeepsIt()
    {
        using var work = new TempDirectory("berth-repl-delete-");
        await using var node = await ReplicationNode.StartAsync(work.Combine("berth"));
        await node.AddTargetAsync("dist", distribution.HostPort);
        await node.AddRuleAsync("deletes-on", "dist", new JsonObject { ["trigger"] = "Event", ["repositoryFilter"] = "del-on/**", ["propagateDeletes"] = true });
        await node.AddRuleAsync("deletes-off", "dist", new JsonObject { ["trigger"] = "Event", ["repositoryFilter"] = "del-off/**" });
        var source = new OciLayoutBuilder(work.Combine("source"), seed: 1803);
        var image = source.AddImage(layerCount: 1);
        source.Tag("v1", image.Manifest);
        await _skopeo.PushAsync(source.Directory, "v1", $"{node.HostPort}/del-on/app:v1");
        await _skopeo.PushAsync(source.Directory, "v1", $"{node.HostPort}/del-off/app:v1");
        await TargetPoll.UntilPresentAsync(_skopeo, $"{distribution.HostPort}/del-on/app:v1", VisibleWithin);
        await TargetPoll.UntilPresentAsync(_skopeo, $"{distribution.HostPort}/del-off/app:v1", VisibleWithin);

        await _skopeo.DeleteAsync($"{node.HostPort}/del-on/app@{image.Manifest.Digest}");
        await _skopeo.DeleteAsync($"{node.HostPort}/del-off/app@{image.Manifest.Digest}");

        await TargetPoll.UntilAbsentAsync(_skopeo, $"{distribution.HostPort}/del-on/app:v1", VisibleWithin);
        var deletes = await node.WaitForExecutionsAsync(e => e.Any(x => x["isDelete"]!.GetValue<bool>() && ReplicationNode.Succeeded(x)), VisibleWithin, "deletes-on");
        Assert.Equal(1, deletes.Single(x => x["isDelete"]!.GetValue<bool>())["itemsCopied"]!.GetValue<int>());
        Assert.All(await node.ExecutionsAsync("deletes-off"), x => Assert.False(x["isDelete"]!.GetValue<bool>()));
        Assert.Equal(image.Manifest.Digest, await DigestAtAsync(distribution.BaseAddress, "del-off/app", "v1"));
    }

    [Fact]
    public async Task PullRule_OnSchedule_CopiesTheMatchingTagsFromDistribution_WithTheirDigests()
    {
        using var work = new TempDirectory("berth-repl-pull-");
        var source = new OciLayoutBuilder(work.Combine("source"), seed: 1804);
        var image = source.AddImage(layerCount: 2);
        source.Tag("v2", image.Manifest);
        await _skopeo.PushAsync(source.Directory, "v2", $"{distribution.HostPort}/upstream/tool:v2");
        await _skopeo.PushAsync(source.Directory, "v2", $"{distribution.HostPort}/elsewhere/tool:v2");
        await using var node = await ReplicationNode.StartAsync(work.Combine("berth"));
        await node.AddTargetAsync("dist", distribution.HostPort);

        // Every second (six-field cron): the run comes from the schedule, not from a push here.
        await node.AddRuleAsync("from-dist", "dist", new JsonObject
        {
            ["direction"] = "Pull",
            ["trigger"] = "Schedule",
            ["schedule"] = "* * * * * *",
            ["repositoryFilter"] = "upstream/**",
        });

        var (_, elapsed) = await TargetPoll.UntilPresentAsync(_skopeo, $"{node.HostPort}/upstream/tool:v2", VisibleWithin);
        output.WriteLine($"upstream/tool:v2 pulled by the schedule in {elapsed.TotalMilliseconds:0} ms");
        var executions = await node.WaitForExecutionsAsync(e => e.Any(ReplicationNode.Succeeded), VisibleWithin);
        Assert.All(executions, x => Assert.Equal("Schedule", x["trigger"]!.GetValue<string>()));
        Assert.Equal(image.Manifest.Digest, await DigestAtAsync(node.Process.BaseAddress, "upstream/tool", "v2"));
        Assert.Equal(404, (int)(await node.Http.GetAsync("/v2/elsewhere/tool/manifests/v2")).StatusCode);
        await _skopeo.PullAsync($"{node.HostPort}/upstream/tool:v2", work.Combine("pulled"), "v2");
        LayoutAssert.SameContent(source.Directory, work.Combine("pulled"), "v2");
    }

    internal static async Task<string?> DigestAtAsync(Uri registry, string repository, string reference)
    {
        using var client = RegistryClient.Create(new RegistryClientOptions { BaseAddress = registry });
        return (await client.HeadManifestAsync(repository, reference, default))?.Digest;
    }
}
