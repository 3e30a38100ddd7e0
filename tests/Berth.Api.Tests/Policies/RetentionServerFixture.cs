using Berth.Registry.Events;
using Berth.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Api.Tests.Policies;

/// <summary>
/// A filesystem Berth for retention tests: no schedule (runs are started by the test), collection with no grace so
/// what retention untags is collectable at once, and a sink recording the events. Push times are set on the tag links'
/// files, which is what the filesystem driver reports as their modification time.
/// </summary>
public sealed class RetentionServerFixture : IAsyncLifetime
{
    private BerthTestServer? _server;

    public BerthTestServer Server => _server ?? throw new InvalidOperationException("The fixture has not started its server.");

    public RecordingEventSink Events { get; } = new();

    public async Task InitializeAsync() =>
        _server = await BerthTestServer.StartAsync(
            new Dictionary<string, string?>
            {
                ["GarbageCollection:Enabled"] = "false",
                ["Retention:Enabled"] = "false",
                ["GarbageCollection:GracePeriod"] = "00:00:00",
                ["GarbageCollection:UntaggedManifestAge"] = "00:00:00",
                ["GarbageCollection:LeaseSettleTime"] = "00:00:00",
            },
            builder => builder.Services.AddSingleton<IRegistryEventSink>(Events));

    /// <summary>Makes the tag look last pushed at <paramref name="pushedAt"/>.</summary>
    public void SetPushedAt(string repository, string tag, DateTimeOffset pushedAt) =>
        File.SetLastWriteTimeUtc(Path.Combine(Server.DataDirectory, "v1", "repositories", repository, "_manifests", "tags", tag, "current", "link"), pushedAt.UtcDateTime);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
