using Berth.Interop.Tests.Fixtures;

namespace Berth.Cluster.Tests.Infrastructure;

/// <summary>
/// One <c>berth serve</c> OS process of the cluster, on a fixed port so that nginx finds it again after a
/// <c>kill -9</c> and a restart with the same configuration.
/// </summary>
public sealed class ClusterNode : IAsyncDisposable
{
    private readonly string _dataDirectory;
    private readonly IReadOnlyList<string> _arguments;
    private BerthProcess? _process;

    public ClusterNode(string name, int port, int metricsPort, string dataDirectory, IReadOnlyList<string> arguments)
    {
        Name = name;
        Port = port;
        _dataDirectory = dataDirectory;
        _arguments = arguments;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        MetricsAddress = new Uri($"http://127.0.0.1:{metricsPort}/");
    }

    public string Name { get; }

    public int Port { get; }

    public Uri BaseAddress { get; }

    /// <summary>Its Berth:MetricsListen, where /metrics is served.</summary>
    public Uri MetricsAddress { get; }

    /// <summary>What nginx's <c>$upstream_addr</c> (the X-Berth-Upstream header) says for this node.</summary>
    public string UpstreamAddress => $"127.0.0.1:{Port}";

    public bool IsRunning => _process is not null;

    public string Log => _process?.Log ?? string.Empty;

    /// <summary>Starts the node and waits until it answers (by default up to 60 s; longer when the machine is under load).</summary>
    public async Task StartAsync(TimeSpan? timeout = null)
    {
        if (_process is not null)
        {
            throw new InvalidOperationException($"{Name} is already running.");
        }

        _process = await BerthProcess.StartAsync(_dataDirectory, Port, _arguments, timeout);
    }

    /// <summary>SIGKILL, the crash every other node and the store must survive.</summary>
    public async Task KillAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
            _process = null;
        }
    }

    public async Task RestartAsync()
    {
        await KillAsync();
        await StartAsync();
    }

    public ValueTask DisposeAsync() => new(KillAsync());
}
