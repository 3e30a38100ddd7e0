using System.Globalization;

namespace Berth.Bench;

/// <summary>
/// Watches the server processes under test through /proc (several for nginx: master and workers): CPU time
/// (utime+stime) over a level, summed peak RSS (VmHWM, reset at the start of each level through clear_refs when
/// permitted) and the highest sampled sum of VmRSS.
/// </summary>
internal sealed class ServerProcessSampler : IAsyncDisposable
{
    private const double ClockTicksPerSecond = 100.0;
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(100);
    private readonly IReadOnlyList<int> _pids;
    private readonly double _startCpu;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _maxRssKiB;

    private ServerProcessSampler(IReadOnlyList<int> pids)
    {
        _pids = pids;
        PeakWasReset = pids.All(TryResetPeak);
        _startCpu = pids.Sum(ReadCpuSeconds);
        _maxRssKiB = Sum("VmRSS:");
        _sampling = SampleAsync(_stop.Token);
    }

    public bool PeakWasReset { get; }

    public static ServerProcessSampler Start(IReadOnlyList<int> pids)
    {
        foreach (var pid in pids)
        {
            if (!File.Exists($"/proc/{pid}/stat"))
            {
                throw new InvalidOperationException($"No process {pid} to sample (--server-pid).");
            }
        }

        return new ServerProcessSampler(pids);
    }

    public async Task<ServerUsage> StopAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        var cpu = _pids.Sum(ReadCpuSeconds) - _startCpu;
        var peak = Sum("VmHWM:");
        return new ServerUsage(cpu, Math.Max(_maxRssKiB, Sum("VmRSS:")) / 1024.0, peak / 1024.0, PeakWasReset);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
            await _sampling;
        }

        _stop.Dispose();
    }

    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(SampleInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                _maxRssKiB = Math.Max(_maxRssKiB, Sum("VmRSS:"));
            }
        }
        catch (OperationCanceledException)
        {
            // The level ended.
        }
    }

    private long Sum(string field) => _pids.Sum(pid => ReadStatusKiB(pid, field));

    private static bool TryResetPeak(int pid)
    {
        try
        {
            // "5" resets the peak RSS (VmHWM) to the current RSS (Linux 4.0+, needs ptrace rights over the process).
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Fields 14 and 15 of /proc/PID/stat, counted after the parenthesised command name (which may hold spaces).</summary>
    private static double ReadCpuSeconds(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return 0;
        }

        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks / ClockTicksPerSecond;
    }

    private static long ReadStatusKiB(int pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(field.Length).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // The process ended; report what was seen.
        }

        return 0;
    }
}
