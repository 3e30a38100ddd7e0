using System.Diagnostics;
using Berth.Interop.Tests.Tools;

namespace Berth.Interop.Tests.Fixtures;

/// <summary>The reference registry (CNCF distribution 2.8, Debian's docker-registry) on loopback, for side-by-side runs.</summary>
public sealed class DistributionFixture : RegistryFixture
{
    private readonly TempDirectory _directory = new("berth-distribution-");
    private string? _hostPort;
    private Process? _process;

    public override string Name => "distribution 2.8";

    /// <summary>Stops the registry, keeping its port and data, as an outage of a replication target.</summary>
    public async Task PauseAsync()
    {
        if (_process is not null)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            _process.Dispose();
            _process = null;
        }
    }

    /// <summary>Starts the registry again after <see cref="PauseAsync"/>, on the same port and data.</summary>
    public Task ResumeAsync() => StartAsync();

    protected override async Task<string> StartAsync()
    {
        var program = RequiredTool.Locate("docker-registry", "docker-registry");
        _hostPort ??= $"127.0.0.1:{FreePort.Next()}";
        var config = _directory.Combine("config.yml");
        await File.WriteAllTextAsync(config, $"""
            version: 0.1
            log:
              level: warn
            storage:
              filesystem:
                rootdirectory: {_directory.Combine("data")}
              delete:
                enabled: true
            http:
              addr: {_hostPort}
            """);
        var startInfo = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        startInfo.ArgumentList.Add("serve");
        startInfo.ArgumentList.Add(config);
        _process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start docker-registry.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await ServerProbe.WaitUntilRespondsAsync(new Uri($"http://{_hostPort}/v2/"), _process, TimeSpan.FromSeconds(30));
        return _hostPort;
    }

    protected override async Task StopAsync()
    {
        await PauseAsync();
        _directory.Dispose();
    }
}
