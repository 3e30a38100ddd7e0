using Berth.Testing;

namespace Berth.Interop.Tests.Fixtures;

/// <summary>
/// Berth on Kestrel in the test process. Subclasses choose the storage backend by overriding <see cref="Settings"/>
/// (e.g. a Ceph RGW variant sets Storage:Driver and its endpoint), so every client test runs against each backend.
/// </summary>
public abstract class BerthRegistryFixture : RegistryFixture
{
    private BerthTestServer? _server;

    /// <summary>Configuration overrides (Section:Key) applied over Berth's defaults.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>For backends whose settings need preparing first (e.g. a bucket to create); defaults to <see cref="Settings"/>.</summary>
    protected virtual Task<IReadOnlyDictionary<string, string?>> CreateSettingsAsync() => Task.FromResult(Settings);

    protected override async Task<string> StartAsync()
    {
        _server = await BerthTestServer.StartAsync(await CreateSettingsAsync());
        return _server.HostPort;
    }

    protected override async Task StopAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
