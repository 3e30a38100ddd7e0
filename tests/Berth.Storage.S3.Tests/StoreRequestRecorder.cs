using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Berth.Storage.Instrumentation;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Storage.S3.Tests;

/// <summary>The requests a driver sends to its store, in order, as the storage meter counts them (berth.storage.requests).</summary>
internal sealed class StoreRequestRecorder : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<string> _names = new();

    public StoreRequestRecorder()
    {
        var factory = _services.GetRequiredService<IMeterFactory>();
        Metrics = new StorageMetrics(factory);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == factory && instrument.Name == "berth.storage.requests")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "request")
                {
                    _names.Enqueue((string)tag.Value!);
                }
            }
        });
        _listener.Start();
    }

    public StorageMetrics Metrics { get; }

    /// <summary>The names of the requests sent since the last call, oldest first.</summary>
    public IReadOnlyList<string> Take()
    {
        var names = new List<string>();
        while (_names.TryDequeue(out var name))
        {
            names.Add(name);
        }

        return names;
    }

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }
}
