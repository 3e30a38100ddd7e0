using System.Diagnostics;
using System.Text.Json;
using Berth.Cluster.Tests.Infrastructure;
using Berth.Interop.Tests.Fixtures;
using Xunit.Abstractions;

namespace Berth.Cluster.Tests.Load;

/// <summary>
/// <c>berth bench pull</c> through nginx, 256 clients for 60 s, while one node is killed and restarted: with client
/// retries no pull fails. The table goes to the test output and the JSON report beside the TRX results
/// (cluster/bench-pull-restart.json), for the figures in docs/deployment.md.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class BenchWithNodeRestartTests(ClusterFixture cluster, ITestOutputHelper output)
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task BenchPull_256ClientsThroughNginx_WithANodeKilledAndRestarted_HasNoFailedPullsAfterRetries()
    {
        await cluster.EnsureAllRunningAsync();
        var json = Artifacts.PathOf("bench-pull-restart.json");
        File.Delete(json);
        string[] image =
        [
            "--registry", cluster.BaseAddress.ToString(), "--layers", "2", "--layer-size", "1MiB", "--images", "4",
            "--repository", "alice/bench", "--username", ClusterFixture.User, "--password", ClusterFixture.Password,
        ];
        (await BerthProcess.RunCommandAsync(["bench", "seed", .. image])).EnsureSuccess();

        var bench = BerthProcess.RunCommandAsync(
        [
            "bench", "pull", .. image, "--no-seed", "--label", "3 nodes behind nginx, one restarted",
            "--concurrency", "256", "--duration", $"{Duration.TotalSeconds}s", "--verify", "--retries", "5", "--json", json,
        ]);

        // The process starts in a few seconds; the kill lands in the first half of the measured minute.
        var victim = cluster.Nodes[1];
        var clock = Stopwatch.StartNew();
        await Task.WhenAny(bench, Task.Delay(TimeSpan.FromSeconds(20)));
        if (bench.IsCompleted)
        {
            var early = await bench;
            Assert.Fail($"berth bench ended before the node was killed (exit {early.ExitCode}):\n{early.StandardOutput}\n{early.StandardError}");
        }

        var errorsBefore = NginxErrorsNaming(victim);
        await victim.KillAsync();
        var killedAt = clock.Elapsed;
        // The load saturates the machine by design, so the node may take a while to start: it must come back, and the
        // bench must not fail meanwhile, but it need not be back before the bench ends.
        var restart = Task.Run(async () =>
        {
            await victim.StartAsync(TimeSpan.FromMinutes(3));
            return clock.Elapsed;
        });
        var result = await bench;
        var benchEndedAt = clock.Elapsed;
        var restartedAt = await restart;

        output.WriteLine($"{victim.Name} killed {killedAt.TotalSeconds:N1} s after bench pull started, answering again at {restartedAt.TotalSeconds:N1} s; bench ended at {benchEndedAt.TotalSeconds:N1} s");
        output.WriteLine(result.StandardOutput);
        output.WriteLine(result.StandardError);
        output.WriteLine($"JSON report: {json}");
        Assert.True(File.Exists(json), $"berth bench wrote no report (exit {result.ExitCode}).");
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var level = report.RootElement.GetProperty("levels")[0];
        var errors = level.GetProperty("errors").EnumerateObject().Sum(e => e.Value.GetInt64());
        var operations = level.GetProperty("operations").GetInt64();
        var failedUpstream = NginxErrorsNaming(victim) - errorsBefore;
        output.WriteLine($"nginx error log lines naming {victim.Name}: {failedUpstream}");
        Assert.True(failedUpstream > 0, $"nginx never saw {victim.Name} fail: the kill did not disturb the load.");
        Assert.True(errors == 0, $"{errors} pulls failed after retries:\n{result.StandardOutput}");
        Assert.True(operations > 0, "No pull completed.");
        Assert.Equal(0, result.ExitCode);
    }

    private int NginxErrorsNaming(ClusterNode node) =>
        cluster.Nginx.ErrorLog().Split('\n').Count(l => l.Contains(node.UpstreamAddress, StringComparison.Ordinal));
}
