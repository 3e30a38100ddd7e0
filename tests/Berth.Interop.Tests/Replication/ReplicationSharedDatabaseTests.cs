using System.Text.Json.Nodes;
using Berth.Index.Data;
using Berth.Interop.Tests.Fixtures;
using Berth.Interop.Tests.Layout;
using Berth.Testing;

namespace Berth.Interop.Tests.Replication;

/// <summary>
/// Two Berth nodes sharing one PostgreSQL index database and one Ceph RGW bucket, both running the replication
/// worker: executions queued on either node are claimed by one node each (attempt count 1, one node named), never
/// by both.
/// </summary>
public sealed class ReplicationSharedDatabaseTests(DistributionFixture distribution) : IClassFixture<DistributionFixture>
{
    private const int RunsPerNode = 12;

    [Fact]
    public async Task TwoNodesSharingPostgreSql_EachExecutionRunsOnce_OnOneNode()
    {
        using var work = new TempDirectory("berth-repl-two-");
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        // A lease far longer than any execution here: no lease expires on a loaded machine, so a second attempt could
        // only be a second claim.
        var settings = (await CephRgwStorage.CreateBucketSettingsAsync()).Concat(database.Settings).Select(s => $"--{s.Key}={s.Value}")
            .Append("--Replication:LeaseDuration=00:02:00").ToArray();
        await using var first = await ReplicationNode.StartAsync(work.Combine("node-1"), settings);
        await using var second = await ReplicationNode.StartAsync(work.Combine("node-2"), settings);
        await first.AddTargetAsync("dist", distribution.HostPort);
        await first.AddRuleAsync("both", "dist", new JsonObject { ["repositoryFilter"] = "shared/**" });
        var source = new OciLayoutBuilder(work.Combine("source"), seed: 1830);
        var image = source.AddImage(layerCount: 1);
        source.Tag("v1", image.Manifest);
        await new Tools.Skopeo().PushAsync(source.Directory, "v1", $"{first.HostPort}/shared/app:v1");

        await Task.WhenAll(Enumerable.Range(0, RunsPerNode).SelectMany(_ => new[] { first.RunAsync("both"), second.RunAsync("both") }));

        var executions = await first.WaitForExecutionsAsync(e => e.Count == 2 * RunsPerNode && e.All(ReplicationNode.Succeeded), TimeSpan.FromSeconds(120));
        Assert.All(executions, x => Assert.True(x["attempts"]!.GetValue<int>() == 1, x.ToJsonString()));
        var nodes = executions.Select(x => x["node"]!.GetValue<string>()).Distinct().ToList();
        Assert.Equal(2, nodes.Count);
        Assert.Equal(image.Manifest.Digest, await ReplicationToDistributionTests.DigestAtAsync(distribution.BaseAddress, "shared/app", "v1"));
    }
}
