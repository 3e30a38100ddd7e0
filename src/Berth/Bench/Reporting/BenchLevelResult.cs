namespace Berth.Bench.Reporting;

/// <summary>The outcome of one concurrency level.</summary>
internal sealed record BenchLevelResult(
    int Concurrency,
    double ElapsedSeconds,
    long Operations,
    long Requests,
    long Bytes,
    LatencySummary Latency,
    IReadOnlyDictionary<string, long> Errors,
    ServerUsage? Server,
    IReadOnlyDictionary<string, long>? Retries = null)
{
    public double OperationsPerSecond => Operations / ElapsedSeconds;

    public double RequestsPerSecond => Requests / ElapsedSeconds;

    /// <summary>Megabytes (10^6 bytes) per second of blob and manifest bytes moved, either direction.</summary>
    public double MegabytesPerSecond => Bytes / ElapsedSeconds / 1e6;

    public long ErrorCount => Errors.Values.Sum();

    /// <summary>Failed tries that a retry (--retries) then made good or tried again; reports written before retries existed have none.</summary>
    public long RetryCount => Retries?.Values.Sum() ?? 0;

    /// <summary>Server CPU seconds per GB (10^9 bytes) moved; null without --server-pid or when nothing moved.</summary>
    public double? ServerCpuSecondsPerGigabyte => Server is null || Bytes == 0 ? null : Server.CpuSeconds / (Bytes / 1e9);

    /// <summary>Server CPU microseconds per request: the figure that matters for small requests such as manifests.</summary>
    public double? ServerCpuMicrosecondsPerRequest => Server is null || Requests == 0 ? null : Server.CpuSeconds * 1e6 / Requests;
}
