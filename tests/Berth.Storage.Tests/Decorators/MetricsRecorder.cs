using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Berth.Storage.Instrumentation;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Storage.Tests.Decorators;

/// <summary>Listens to the "Berth.Storage" meter of its own meter factory and keeps every measurement.</summary>
internal sealed class MetricsRecorder : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MeterListener _listener = new();

    public MetricsRecorder()
    {
        var factory = _services.GetRequiredService<IMeterFactory>();
        Metrics = new StorageMetrics(factory);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == StorageMetrics.MeterName && instrument.Meter.Scope == factory)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument.Name, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument.Name, value, tags));
        _listener.Start();
    }

    public StorageMetrics Metrics { get; }

    public ConcurrentQueue<(string Instrument, double Value, Dictionary<string, string?> Tags)> Measurements { get; } = new();

    public double Sum(string instrument, params (string Key, string Value)[] tags) =>
        Measurements.Where(m => m.Instrument == instrument && tags.All(t => m.Tags.GetValueOrDefault(t.Key) == t.Value)).Sum(m => m.Value);

    public int Count(string instrument, params (string Key, string Value)[] tags) =>
        Measurements.Count(m => m.Instrument == instrument && tags.All(t => m.Tags.GetValueOrDefault(t.Key) == t.Value));

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }

    private void Record(string instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copied = new Dictionary<string, string?>();
        foreach (var tag in tags)
        {
            copied[tag.Key] = tag.Value?.ToString();
        }

        Measurements.Enqueue((instrument, value, copied));
    }
}
