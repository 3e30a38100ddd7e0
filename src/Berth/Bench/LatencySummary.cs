using System.Diagnostics;

namespace Berth.Bench;

/// <summary>Latency percentiles in milliseconds, from all samples sorted once (exact, and cheap at bench sizes).</summary>
internal sealed record LatencySummary(double P50, double P90, double P99, double Max)
{
    public static LatencySummary From(IEnumerable<BenchWorker> workers)
    {
        var all = new long[workers.Sum(w => w.LatencyCount)];
        var at = 0;
        foreach (var worker in workers)
        {
            worker.Latencies.CopyTo(all.AsSpan(at));
            at += worker.LatencyCount;
        }

        if (all.Length == 0)
        {
            return new LatencySummary(0, 0, 0, 0);
        }

        Array.Sort(all);
        return new LatencySummary(At(all, 0.50), At(all, 0.90), At(all, 0.99), Milliseconds(all[^1]));
    }

    private static double At(long[] sorted, double quantile) =>
        Milliseconds(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)]);

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
