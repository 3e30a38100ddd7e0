using Berth.Interop.Tests.Fixtures;
using Berth.Interop.Tests.Tools;

namespace Berth.Interop.Tests.Durability;

/// <summary>A real <c>berth serve</c> under <c>strace -f -y</c>; stopping it yields the system calls it made.</summary>
internal sealed class TracedBerth : IAsyncDisposable
{
    private readonly BerthProcess _berth;
    private readonly string _log;

    private TracedBerth(BerthProcess berth, string log)
    {
        _berth = berth;
        _log = log;
    }

    public BerthProcess Process => _berth;

    public static async Task<TracedBerth> StartAsync(string dataDirectory, string log)
    {
        var strace = RequiredTool.Locate("strace", "strace");
        var berth = await BerthProcess.StartAsync(dataDirectory, FreePort.Next(), startTimeout: TimeSpan.FromMinutes(3), launcher: [strace, .. SyscallTrace.Arguments(log)]);
        return new TracedBerth(berth, log);
    }

    /// <summary>Stops berth, then strace (which writes its log once its only tracee is gone), and parses the log.</summary>
    public async Task<SyscallTrace> StopAsync()
    {
        foreach (var child in File.ReadAllText($"/proc/{_berth.ProcessId}/task/{_berth.ProcessId}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            using var process = System.Diagnostics.Process.GetProcessById(int.Parse(child, System.Globalization.CultureInfo.InvariantCulture));
            process.Kill();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await _berth.WaitForExitAsync(timeout.Token);
        return SyscallTrace.Parse(File.ReadAllLines(_log));
    }

    public ValueTask DisposeAsync() => _berth.DisposeAsync();
}
