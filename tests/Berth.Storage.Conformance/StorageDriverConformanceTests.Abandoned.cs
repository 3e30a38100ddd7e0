namespace Berth.Storage.Conformance;

public abstract partial class StorageDriverConformanceTests
{
    /// <summary>Whether a writer whose process died leaves anything in the store for a purge to find.</summary>
    protected virtual bool KeepsAbandonedWrites => true;

    [Fact]
    public async Task PurgeAbandonedWrites_RemovesOnlyWhatDeadWritersLeftBeforeTheCutoff()
    {
        var committed = TestContent.Bytes(1000, 3);
        await Driver.PutContentAsync(PathUnderRoot("kept"), committed, None);
        var abandoned = await Driver.CreateWriterAsync(PathUnderRoot("abandoned/data"), append: false, None);
        await TestContent.WriteAsync(abandoned, (17 * 1024 * 1024) + 1, 1024 * 1024, seed: 5, None);
        await using var live = await Driver.CreateWriterAsync(PathUnderRoot("live/data"), append: false, None);
        var liveContent = TestContent.Bytes(4096, 6);
        await live.WriteAsync(liveContent, None);

        Assert.Equal(0, await Driver.PurgeAbandonedWritesAsync(Root, DateTimeOffset.UtcNow.AddHours(-1), None));
        await live.CommitAsync(None);

        // The abandoned writer is never disposed, as when its process is killed.
        var purged = await Driver.PurgeAbandonedWritesAsync(Root, DateTimeOffset.UtcNow.AddMinutes(1), None);

        if (KeepsAbandonedWrites)
        {
            Assert.True(purged >= 1, $"The abandoned writer's remains were not purged ({purged}).");
            Assert.Equal(0, await Driver.PurgeAbandonedWritesAsync(Root, DateTimeOffset.UtcNow.AddMinutes(1), None));
        }

        Assert.True(Enumerable.SequenceEqual(committed, await Driver.GetContentAsync(PathUnderRoot("kept"), None)), "A committed object changed.");
        Assert.True(Enumerable.SequenceEqual(liveContent, await Driver.GetContentAsync(PathUnderRoot("live/data"), None)), "The live writer's content changed.");
        var again = TestContent.Bytes(2000, 7);
        await Driver.PutContentAsync(PathUnderRoot("abandoned/data"), again, None);
        Assert.True(Enumerable.SequenceEqual(again, await Driver.GetContentAsync(PathUnderRoot("abandoned/data"), None)), "A new write to the abandoned path reads back wrong.");
    }
}
