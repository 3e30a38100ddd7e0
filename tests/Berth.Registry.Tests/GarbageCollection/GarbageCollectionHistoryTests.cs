using Berth.Registry.GarbageCollection;
using Berth.Registry.Layout;
using Microsoft.Extensions.Logging.Abstractions;

namespace Berth.Registry.Tests.GarbageCollection;

public sealed class GarbageCollectionHistoryTests : IDisposable
{
    private readonly StoreFixture _store = new();

    [Fact]
    public async Task Record_KeepsTheNewestHundred_AndListsNewestFirst()
    {
        var history = new GarbageCollectionHistory(_store.Driver, NullLogger<GarbageCollectionHistory>.Instance);
        var start = new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < GarbageCollectionHistory.Kept + 5; i++)
        {
            await history.RecordAsync(Run(i, start.AddMinutes(i)), default);
        }

        var runs = await history.ListAsync(1000, default);

        Assert.Equal(GarbageCollectionHistory.Kept, runs.Count);
        Assert.Equal("run-104", runs[0].RunId);
        Assert.Equal("run-5", runs[^1].RunId);
        Assert.Equal(104 * 1000L, runs[0].BytesDeleted);
        Assert.Equal(GarbageCollectionHistory.Kept, _store.Files().Count(f => f.StartsWith(RegistryLayout.GcRunsRoot + "/", StringComparison.Ordinal)));
        Assert.DoesNotContain(_store.Files(), f => f == RegistryLayout.GcRun(start, "run-0"));
        Assert.Equal(3, (await history.ListAsync(3, default)).Count);
    }

    [Fact]
    public async Task DryRun_IsNotRecorded_ARealRunIs()
    {
        await _store.Collector.RunAsync(dryRun: true, default);
        var history = new GarbageCollectionHistory(_store.Driver, NullLogger<GarbageCollectionHistory>.Instance);
        Assert.Empty(await history.ListAsync(10, default));

        var report = await _store.Collector.RunAsync(dryRun: false, default);

        var run = Assert.Single(await history.ListAsync(10, default));
        Assert.Equal(report.RunId, run.RunId);
        Assert.Equal("completed", run.Outcome);
        Assert.Equal(Environment.MachineName, run.Node);
    }

    public void Dispose() => _store.Dispose();

    private static GcRunRecord Run(int i, DateTimeOffset startedAt) => new()
    {
        RunId = $"run-{i}",
        StartedAt = startedAt,
        DurationMs = 10,
        Outcome = "completed",
        Node = "test",
        BytesDeleted = i * 1000L,
    };
}
