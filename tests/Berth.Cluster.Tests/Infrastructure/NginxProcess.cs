using System.Diagnostics;
using System.Globalization;
using System.Text;
using Berth.Interop.Tests.Fixtures;

namespace Berth.Cluster.Tests.Infrastructure;

/// <summary>
/// Debian's nginx as a non-daemon child process with a generated configuration: the load balancer of
/// docs/deployment.md in front of the nodes, plus an X-Berth-Upstream response header so tests can see which node
/// answered.
/// </summary>
public sealed class NginxProcess : IAsyncDisposable
{
    private const string Binary = "/usr/sbin/nginx";
    private readonly Process _process;
    private readonly string _directory;

    private NginxProcess(Process process, string directory, Uri baseAddress)
    {
        _process = process;
        _directory = directory;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string HostPort => BaseAddress.Authority;

    /// <summary>Fails (never skips) when nginx is missing, with how to install it.</summary>
    public static string Require() =>
        File.Exists(Binary)
            ? Binary
            : throw new InvalidOperationException(
                $"The cluster tests need Debian's nginx at {Binary}, which is missing. Install it with `apt-get install -y nginx` "
                + "(scripts/test.sh does so through scripts/install-test-deps.sh and scripts/test-services/nginx.packages).");

    public static Task<NginxProcess> StartAsync(string directory, int port, IReadOnlyList<int> upstreamPorts) =>
        StartAsync(directory, Configuration(directory, port, upstreamPorts), new Uri($"http://127.0.0.1:{port}/"));

    /// <summary>
    /// nginx with <paramref name="httpBlock"/> (upstreams and servers) inside the process settings of
    /// <see cref="Wrap"/>; ready when baseAddress/healthz answers through <paramref name="probeHandler"/> when given.
    /// </summary>
    public static async Task<NginxProcess> StartAsync(string directory, string httpBlock, Uri baseAddress, HttpMessageHandler? probeHandler = null)
    {
        var binary = Require();
        Directory.CreateDirectory(Path.Combine(directory, "temp"));

        if (OperatingSystem.IsLinux())
        {
            // The workers drop root for an unprivileged user and must still reach their temp folders.
            File.SetUnixFileMode(directory, (UnixFileMode)0b111_101_101);
            File.SetUnixFileMode(Path.Combine(directory, "temp"), (UnixFileMode)0b111_111_111);
        }

        var config = Path.Combine(directory, "nginx.conf");
        await File.WriteAllTextAsync(config, Wrap(directory, httpBlock));

        var startInfo = new ProcessStartInfo(binary)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "-p", directory, "-e", Path.Combine(directory, "error.log"), "-c", config, "-g", "daemon off;" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start nginx.");
        var nginx = new NginxProcess(process, directory, baseAddress);
        try
        {
            await ServerProbe.WaitUntilRespondsAsync(new Uri(nginx.BaseAddress, "/healthz"), process, TimeSpan.FromSeconds(20), probeHandler);
        }
        catch (Exception e)
        {
            await nginx.DisposeAsync();
            throw new InvalidOperationException($"nginx did not start: {e.Message}\n{nginx.ErrorLog()}", e);
        }

        return nginx;
    }

    /// <summary>nginx's error log: upstream failures and retries show up here.</summary>
    public string ErrorLog()
    {
        var path = Path.Combine(_directory, "error.log");
        return File.Exists(path) ? File.ReadAllText(path) : string.Empty;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM would be gentler, but Process has no portable way to send it; the master takes its workers with it.
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    /// <summary>The load balancer of docs/deployment.md over plain HTTP, with test-only ports.</summary>
    private static string Configuration(string directory, int port, IReadOnlyList<int> upstreamPorts)
    {
        var servers = new StringBuilder();
        foreach (var upstream in upstreamPorts)
        {
            servers.Append(CultureInfo.InvariantCulture, $"    server 127.0.0.1:{upstream} max_fails=1 fail_timeout=2s;\n");
        }

        return $$"""
              upstream berth {
                zone berth 64k;
            {{servers}}    keepalive 64;
              }

              server {
                listen 127.0.0.1:{{port}};
                client_max_body_size 0;
                client_body_timeout 900s;
                send_timeout 900s;

                location / {
                  proxy_pass http://berth;
                  proxy_http_version 1.1;
                  proxy_set_header Connection "";
                  proxy_set_header Host $http_host;
                  proxy_set_header X-Real-IP $remote_addr;
                  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                  proxy_set_header X-Forwarded-Proto $scheme;
                  proxy_set_header X-Forwarded-Host $http_host;
                  proxy_request_buffering off;
                  proxy_buffering off;
                  proxy_connect_timeout 5s;
                  proxy_send_timeout 900s;
                  proxy_read_timeout 900s;
                  proxy_next_upstream error timeout;
                  proxy_next_upstream_tries 3;
                  add_header X-Berth-Upstream $upstream_addr always;
                }
              }

            """;
    }

    /// <summary>A whole nginx.conf: one foreground master with its pid, logs and temp folders under directory, around an http block's content.</summary>
    private static string Wrap(string directory, string httpBlock) =>
        $$"""
        worker_processes 2;
        pid {{directory}}/nginx.pid;
        events { worker_connections 4096; }
        http {
          access_log {{directory}}/access.log combined;
          client_body_temp_path {{directory}}/temp/body;
          proxy_temp_path {{directory}}/temp/proxy;
          fastcgi_temp_path {{directory}}/temp/fastcgi;
          uwsgi_temp_path {{directory}}/temp/uwsgi;
          scgi_temp_path {{directory}}/temp/scgi;

        {{httpBlock}}
        }

        """;
}
