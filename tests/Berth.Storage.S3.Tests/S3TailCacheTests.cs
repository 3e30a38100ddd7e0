namespace Berth.Storage.S3.Tests;

/// <summary>The tails a node keeps between chunks: bounded by the memory they hold, handed over once, trimmed to their content.</summary>
public sealed class S3TailCacheTests : IDisposable
{
    private const int MiB = 1024 * 1024;
    private readonly S3TailCache _cache = new();

    [Fact]
    public void SavedTail_IsTakenOnceWithItsStateId()
    {
        _cache.Save("a.tmp-berth-writer", "id-1", Tail(3 * MiB));

        var taken = _cache.Take("a.tmp-berth-writer");

        Assert.NotNull(taken);
        Assert.Equal("id-1", taken.Value.StateId);
        Assert.Equal(3 * MiB, taken.Value.Tail.Length);
        taken.Value.Tail.Dispose();
        Assert.Null(_cache.Take("a.tmp-berth-writer"));
    }

    [Fact]
    public void BeyondTheMemoryBound_TheOldestTailsGoFirst()
    {
        var count = (int)(S3TailCache.MaxBytes / (4 * MiB)) + 2;
        for (var i = 0; i < count; i++)
        {
            _cache.Save($"{i}.tmp-berth-writer", $"id-{i}", Tail(4 * MiB));
        }

        Assert.Null(_cache.Take("0.tmp-berth-writer"));
        Assert.Null(_cache.Take("1.tmp-berth-writer"));
        using var newest = _cache.Take($"{count - 1}.tmp-berth-writer")!.Value.Tail;
        Assert.Equal(4 * MiB, newest.Length);
    }

    [Fact]
    public void TailKeptAfterAPartWasSent_HoldsOnlyTheSegmentsItsContentNeeds()
    {
        var tail = Tail(16 * MiB);
        tail.Reset();
        tail.Append(new byte[10], int.MaxValue);

        _cache.Save("b.tmp-berth-writer", "id", tail);

        using var taken = _cache.Take("b.tmp-berth-writer")!.Value.Tail;
        Assert.Equal(PartBuffer.SegmentSize, taken.Capacity);
    }

    [Fact]
    public void RemoveUnder_DropsTheStateOfThePathAndEverythingUnderItOnly()
    {
        _cache.Save("up/1.tmp-berth-writer", "a", Tail(1));
        _cache.Save("up/1/data.tmp-berth-writer", "b", Tail(1));
        _cache.Save("up/10/data.tmp-berth-writer", "c", Tail(1));

        _cache.RemoveUnder("up/1.tmp-berth-writer", "up/1/");

        Assert.Null(_cache.Take("up/1.tmp-berth-writer"));
        Assert.Null(_cache.Take("up/1/data.tmp-berth-writer"));
        using var sibling = _cache.Take("up/10/data.tmp-berth-writer")!.Value.Tail;
        Assert.Equal(1, sibling.Length);
    }

    public void Dispose() => _cache.Dispose();

    private static PartBuffer Tail(int length)
    {
        var buffer = new PartBuffer();
        buffer.Append(new byte[length], int.MaxValue);
        return buffer;
    }
}
