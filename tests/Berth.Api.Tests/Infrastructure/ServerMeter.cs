using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Berth.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Api.Tests.Infrastructure;

/// <summary>
/// Records the measurements of one server's meters (its own meter factory, so other servers in the test run do not
/// count), to count storage operations or watch an up-down counter without scraping /metrics.
/// </summary>
public sealed class ServerMeter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, long Value, Dictionary<string, string?> Tags)> _measurements = new();

    public ServerMeter(BerthTestServer server)
    {
        var factory = server.Services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == factory)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var copied = new Dictionary<string, string?>();
            foreach (var tag in tags)
            {
                copied[tag.Key] = tag.Value?.ToString();
            }

            _measurements.Enqueue((instrument.Name, value, copied));
        });
        _listener.Start();
    }

    public long Sum(string instrument, params (string Key, string Value)[] tags) =>
        _measurements.Where(m => m.Instrument == instrument && tags.All(t => m.Tags.GetValueOrDefault(t.Key) == t.Value)).Sum(m => m.Value);

    /// <summary>Storage operations started, by operation name ("create_writer", "put_content", "stat"...).</summary>
    public IReadOnlyDictionary<string, long> StorageOperations() =>
        _measurements.Where(m => m.Instrument == "berth.storage.operations")
            .GroupBy(m => m.Tags.GetValueOrDefault("operation") ?? string.Empty)
            .ToDictionary(g => g.Key, g => g.Sum(m => m.Value));

    /// <summary>Requests the driver sent to its store, by request name ("PutObject", "HeadObject"...; only drivers that count them).</summary>
    public IReadOnlyDictionary<string, long> StoreRequests() =>
        _measurements.Where(m => m.Instrument == "berth.storage.requests")
            .GroupBy(m => m.Tags.GetValueOrDefault("request") ?? string.Empty)
            .ToDictionary(g => g.Key, g => g.Sum(m => m.Value));

    /// <summary>Polls until <paramref name="condition"/> holds, failing after 30 s.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(20);
        }
    }

    public void Dispose() => _listener.Dispose();
}
