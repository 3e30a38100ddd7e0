namespace Berth.Bench;

/// <summary>The server's resource use over one level: CPU seconds, highest sampled RSS and peak RSS (MiB).</summary>
internal sealed record ServerUsage(double CpuSeconds, double MaxSampledRssMiB, double PeakRssMiB, bool PeakIsPerLevel);
