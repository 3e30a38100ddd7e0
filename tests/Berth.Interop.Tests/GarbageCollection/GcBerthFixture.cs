using Berth.Interop.Tests.Fixtures;
using Berth.Registry.GarbageCollection;
using Berth.Storage;
using Berth.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Interop.Tests.GarbageCollection;

/// <summary>
/// Berth in the test process with collection settings that make every run act at once: no untagged age, a grace
/// period just above the backend's timestamp resolution, no lease wait. The tests run the collector directly.
/// </summary>
public abstract class GcBerthFixture : RegistryFixture
{
    private BerthTestServer? _server;

    /// <summary>Above the backend's modification-time resolution (object stores report whole seconds).</summary>
    public abstract TimeSpan GracePeriod { get; }

    public GarbageCollector Collector => Services.GetRequiredService<GarbageCollector>();

    public IStorageDriver Storage => Services.GetRequiredService<IStorageDriver>();

    private IServiceProvider Services => _server?.Services ?? throw new InvalidOperationException("The registry has not started.");

    protected virtual Task<IReadOnlyDictionary<string, string?>> CreateSettingsAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string?>>(new Dictionary<string, string?>());

    protected override async Task<string> StartAsync()
    {
        var settings = new Dictionary<string, string?>(await CreateSettingsAsync())
        {
            ["GarbageCollection:Enabled"] = "false",
            ["GarbageCollection:GracePeriod"] = GracePeriod.ToString(),
            ["GarbageCollection:UntaggedManifestAge"] = "00:00:00",
            ["GarbageCollection:LeaseSettleTime"] = "00:00:00",
        };
        _server = await BerthTestServer.StartAsync(settings);
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
