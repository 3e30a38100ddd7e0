using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Berth.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Index.Tests.Infrastructure;

/// <summary>Counts one server's storage operations (berth.storage.operations) by operation name while it is alive.</summary>
internal sealed class StorageOperationMeter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _operations = new();

    public StorageOperationMeter(BerthTestServer server)
    {
        var factory = server.Services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == factory && instrument.Name == "berth.storage.operations")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "operation" && tag.Value?.ToString() is { } operation)
                {
                    _operations.AddOrUpdate(operation, value, (_, sum) => sum + value);
                }
            }
        });
        _listener.Start();
    }

    /// <summary>Operations so far, by name ("stat_object", "open_read", "get_content"...).</summary>
    public IReadOnlyDictionary<string, long> Operations => new SortedDictionary<string, long>(_operations, StringComparer.Ordinal);

    public void Dispose() => _listener.Dispose();
}
