namespace Berth.Bench;

/// <summary>
/// One simulated client. Its counters are written only by its own task and read racily by the progress display,
/// so the hot loop takes no locks; results are merged once the level ends.
/// </summary>
internal sealed class BenchWorker
{
    private long[] _latencies = new long[1024];

    public BenchWorker(int index) => Index = index;

    public int Index { get; }

    public long Serial { get; set; }

    public long Operations { get; private set; }

    public long Requests { get; private set; }

    public long Bytes;

    public Dictionary<string, long> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>Failed tries that were tried again (--retries), by kind; not errors.</summary>
    public Dictionary<string, long> Retries { get; } = new(StringComparer.Ordinal);

    public int LatencyCount { get; private set; }

    public ReadOnlySpan<long> Latencies => _latencies.AsSpan(0, LatencyCount);

    /// <summary>Called by request bodies and response readers as bytes move, so partial transfers count toward MB/s.</summary>
    public void AddBytes(int count) => Interlocked.Add(ref Bytes, count);

    public void AddRequests(int count) => Requests += count;

    public void CompleteOperation(long elapsedTicks)
    {
        Operations++;
        if (LatencyCount == _latencies.Length)
        {
            Array.Resize(ref _latencies, _latencies.Length * 2);
        }

        _latencies[LatencyCount++] = elapsedTicks;
    }

    /// <summary>Safe to read while the worker runs, unlike <see cref="Errors"/>.</summary>
    public long ErrorTotal { get; private set; }

    public void AddError(string kind)
    {
        Errors[kind] = Errors.GetValueOrDefault(kind) + 1;
        ErrorTotal++;
    }

    /// <summary>Safe to read while the worker runs, unlike <see cref="Retries"/>.</summary>
    public long RetryTotal { get; private set; }

    public void AddRetry(string kind)
    {
        Retries[kind] = Retries.GetValueOrDefault(kind) + 1;
        RetryTotal++;
    }
}
