using System.Diagnostics;
using Berth.Interop.Tests.Fixtures;

namespace Berth.Interop.Tests.Tools;

/// <summary>A private containerd (own root, state and sockets under a temp folder), driven with ctr.</summary>
public sealed class ContainerdDaemon : IAsyncLifetime
{
    private readonly TempDirectory _directory = new("berth-ctr-");
    private readonly string _ctr = RequiredTool.Locate("ctr", "containerd");
    private Process? _process;

    private string Socket => _directory.Combine("containerd.sock");

    public async Task InitializeAsync()
    {
        var containerd = RequiredTool.Locate("containerd", "containerd");
        var config = _directory.Combine("config.toml");
        await File.WriteAllTextAsync(config, $"""
            version = 2
            root = "{_directory.Combine("root")}"
            state = "{_directory.Combine("state")}"
            disabled_plugins = ["io.containerd.grpc.v1.cri"]

            [grpc]
              address = "{Socket}"

            [ttrpc]
              address = "{Socket}.ttrpc"
            """);
        var startInfo = new ProcessStartInfo(containerd) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        startInfo.ArgumentList.Add("--config");
        startInfo.ArgumentList.Add(config);
        _process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start containerd.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"containerd exited with {_process.ExitCode} at start (config {config}).");
            }

            if (File.Exists(Socket) && (await ProcessRunner.RunAsync(_ctr, ["--address", Socket, "version"])).ExitCode == 0)
            {
                return;
            }

            if (deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException("containerd did not open its socket within 30 s.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Runs ctr in the "berth-test" namespace of this daemon.</summary>
    public async Task<ProcessResult> CtrAsync(params string[] arguments) =>
        (await ProcessRunner.RunAsync(_ctr, ["--address", Socket, "--namespace", "berth-test", .. arguments])).EnsureSuccess();

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            _process.Dispose();
        }

        _directory.Dispose();
    }
}
