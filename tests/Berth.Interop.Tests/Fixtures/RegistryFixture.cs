namespace Berth.Interop.Tests.Fixtures;

/// <summary>A registry on 127.0.0.1 that real clients talk to, started once per test class.</summary>
public abstract class RegistryFixture : IAsyncLifetime
{
    private string? _hostPort;

    /// <summary>host:port, as image references want it.</summary>
    public string HostPort => _hostPort ?? throw new InvalidOperationException("The registry has not started.");

    public Uri BaseAddress => new($"http://{HostPort}/");

    /// <summary>A name for this registry in messages, e.g. "berth (filesystem)".</summary>
    public abstract string Name { get; }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(5) };

    public async Task InitializeAsync() => _hostPort = await StartAsync();

    public Task DisposeAsync() => StopAsync();

    /// <summary>Starts the registry and returns its host:port.</summary>
    protected abstract Task<string> StartAsync();

    protected abstract Task StopAsync();
}
