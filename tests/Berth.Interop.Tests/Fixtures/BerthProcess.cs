using System.Diagnostics;
using System.Reflection;
using System.Text;
using Berth.Interop.Tests.Tools;

namespace Berth.Interop.Tests.Fixtures;

/// <summary>
/// Berth as its own OS process (<c>dotnet berth.dll serve</c>) from the build output of src/Berth, so a test can
/// SIGKILL it, restart it on the same data directory, and read its peak RSS from /proc.
/// </summary>
public sealed class BerthProcess : IAsyncDisposable
{
    private const int MaxLogChars = 64 * 1024;
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private BerthProcess(Process process, int port)
    {
        _process = process;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    public string HostPort => BaseAddress.Authority;

    /// <summary>What the server printed (warnings and errors), for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>The process started: berth's host, or the <c>launcher</c> it runs under.</summary>
    public int ProcessId => _process.Id;

    /// <summary>
    /// Starts <c>berth serve</c>; extraArguments default to <c>--auth none</c> (an open registry). It must answer within
    /// <paramref name="startTimeout"/> (default 60 s). With <paramref name="launcher"/> (a program and its arguments,
    /// such as strace), berth runs as that program's command.
    /// </summary>
    public static async Task<BerthProcess> StartAsync(string dataDirectory, int port, IReadOnlyList<string>? extraArguments = null, TimeSpan? startTimeout = null, IReadOnlyList<string>? launcher = null)
    {
        var startInfo = new ProcessStartInfo(launcher?[0] ?? DotnetHost())
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (launcher is null ? Array.Empty<string>() : [.. launcher.Skip(1), DotnetHost()]).Concat(new[]
        {
            LocateBerthDll(), "serve", "--listen", $"127.0.0.1:{port}", "--data-dir", dataDirectory,
            "--Logging:LogLevel:Default=Warning",
        }).Concat(extraArguments ?? ["--auth", "none"]))
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start berth.");
        var berth = new BerthProcess(process, port);
        try
        {
            await ServerProbe.WaitUntilRespondsAsync(new Uri(berth.BaseAddress, "/v2/"), process, startTimeout ?? TimeSpan.FromSeconds(60));
        }
        catch (Exception e)
        {
            await berth.DisposeAsync();
            throw new InvalidOperationException($"{e.Message}\nberth log:\n{berth.Log}", e);
        }

        return berth;
    }

    /// <summary>Runs a berth command (an admin command such as <c>user add</c>) to its end.</summary>
    public static Task<ProcessResult> RunCommandAsync(params string[] arguments) =>
        ProcessRunner.RunAsync(DotnetHost(), [LocateBerthDll(), .. arguments]);

    /// <summary>Peak resident set size (VmHWM in /proc/PID/status), in bytes.</summary>
    public long PeakResidentBytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").Single(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>Waits until the process exits on its own (a launcher whose command was killed).</summary>
    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>SIGKILL: no shutdown hooks, no flushing; the crash the store must survive.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    /// <summary>src/Berth/bin/&lt;configuration&gt;/net10.0/berth.dll, built by the project reference of Berth.Testing.</summary>
    public static string LocateBerthDll()
    {
        var configuration = typeof(BerthProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Berth.slnx")))
            {
                var dll = Path.Combine(directory.FullName, "src", "Berth", "bin", configuration, "net10.0", "berth.dll");
                return File.Exists(dll)
                    ? dll
                    : throw new InvalidOperationException($"{dll} does not exist: run `dotnet build src/Berth -c {configuration}` (scripts/test.sh builds it).");
            }
        }

        throw new InvalidOperationException($"No Berth.slnx above {AppContext.BaseDirectory}: run the tests from the repository.");
    }

    /// <summary>The dotnet host that runs berth.dll: the one running the tests when known.</summary>
    public static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            if (_log.Length < MaxLogChars)
            {
                _log.AppendLine(line);
            }
        }
    }
}
