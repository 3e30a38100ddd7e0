using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Berth.Storage.Instrumentation;

/// <summary>The "Berth.Storage" meter: every driver operation, the bytes moved, latency and errors, by driver and operation.</summary>
public sealed class StorageMetrics
{
    public const string MeterName = "Berth.Storage";

    private readonly Counter<long> _operations;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _bytes;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _cacheLookups;
    private readonly Counter<long> _requests;
    private readonly Counter<long> _sharedReads;

    public StorageMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _operations = meter.CreateCounter<long>("berth.storage.operations", "{operation}", "Storage driver operations started.");
        _errors = meter.CreateCounter<long>("berth.storage.errors", "{error}", "Storage driver operations that failed, by error type.");
        _bytes = meter.CreateCounter<long>("berth.storage.bytes", "By", "Bytes read from or written to storage.");
        _duration = meter.CreateHistogram<double>("berth.storage.operation.duration", "s", "Duration of storage driver operations.");
        _cacheLookups = meter.CreateCounter<long>("berth.storage.cache.lookups", "{lookup}", "Content cache lookups, by result (hit or miss).");
        _requests = meter.CreateCounter<long>("berth.storage.requests", "{request}", "Requests drivers sent to their stores, each attempt, by request name.");
        _sharedReads = meter.CreateCounter<long>("berth.storage.shared_reads", "{read}", "Reads of immutable objects, by how they were served: fetched (began a spooled fetch), joined (followed one in flight) or direct (a stream of their own).");
    }

    internal void Started(string driver, string operation) =>
        _operations.Add(1, new("driver", driver), new("operation", operation));

    internal void Completed(string driver, string operation, long startTimestamp) =>
        _duration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, new("driver", driver), new("operation", operation));

    internal void Failed(string driver, string operation, Exception exception) =>
        _errors.Add(1, new("driver", driver), new("operation", operation), new("error.type", ErrorType(exception)));

    internal void Transferred(string driver, string direction, long bytes)
    {
        if (bytes > 0)
        {
            _bytes.Add(bytes, new("driver", driver), new("direction", direction));
        }
    }

    /// <summary>A request a driver sent to its store (an S3 PutObject...), counted per attempt: what one driver operation costs the store.</summary>
    public void StoreRequest(string driver, string request) =>
        _requests.Add(1, new("driver", driver), new("request", request));

    internal void SharedRead(string driver, string result) => _sharedReads.Add(1, new("driver", driver), new("result", result));

    internal void CacheLookup(bool hit) => _cacheLookups.Add(1, new KeyValuePair<string, object?>("result", hit ? "hit" : "miss"));

    private static string ErrorType(Exception exception) => exception switch
    {
        StorageNotFoundException => "not_found",
        OperationCanceledException => "cancelled",
        ArgumentException => "invalid_argument",
        _ => exception.GetType().Name,
    };
}
