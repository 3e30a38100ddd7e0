using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Berth.Client.Tests;

/// <summary>CNCF distribution (Debian's docker-registry) on a free loopback port with a temporary filesystem store.</summary>
public sealed class DistributionRegistryFixture : IAsyncLifetime
{
    private const string Executable = "/usr/bin/docker-registry";
    private readonly string _directory = Directory.CreateTempSubdirectory("berth-distribution-").FullName;
    private Process? _process;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public async Task InitializeAsync()
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException("docker-registry is not installed: run scripts/install-test-deps.sh (apt-get install docker-registry).");
        }

        var port = FreePort();
        var config = Path.Combine(_directory, "config.yml");
        await File.WriteAllTextAsync(config, $"""
            version: 0.1
            log:
              level: error
              accesslog:
                disabled: true
            storage:
              filesystem:
                rootdirectory: {Path.Combine(_directory, "data")}
              delete:
                enabled: true
            http:
              addr: 127.0.0.1:{port}
            """);
        _process = Process.Start(new ProcessStartInfo(Executable, ["serve", config]) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException("docker-registry did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        await WaitUntilUpAsync();
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task WaitUntilUpAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress };
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var response = await http.GetAsync(new Uri("/v2/", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"docker-registry exited with code {_process.ExitCode}.");
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("docker-registry did not answer /v2/ within 10 s.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
