using System.Diagnostics.Metrics;

namespace Berth.Registry.Diagnostics;

/// <summary>The registry's own instruments (meter "Berth.Registry"); request counts and latencies come from ASP.NET Core.</summary>
public sealed class RegistryMetrics
{
    public const string MeterName = "Berth.Registry";

    private readonly Counter<long> _bytesReceived;
    private readonly Counter<long> _bytesSent;
    private readonly UpDownCounter<long> _uploadsInFlight;
    private readonly Counter<long> _rehashes;
    private readonly Counter<long> _blobOperations;
    private readonly Counter<long> _manifestOperations;

    public RegistryMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _bytesReceived = meter.CreateCounter<long>("berth.registry.bytes_received", "By", "Blob bytes received in uploads.");
        _bytesSent = meter.CreateCounter<long>("berth.registry.bytes_sent", "By", "Blob bytes sent to clients.");
        _uploadsInFlight = meter.CreateUpDownCounter<long>("berth.upload.in_flight", "{request}", "Upload requests currently streaming a body.");
        _rehashes = meter.CreateCounter<long>("berth.upload.rehash", "{upload}", "Uploads whose hash state was rebuilt by reading stored data back.");
        _blobOperations = meter.CreateCounter<long>("berth.registry.blob.operations", "{operation}", "Blob operations by kind.");
        _manifestOperations = meter.CreateCounter<long>("berth.registry.manifest.operations", "{operation}", "Manifest operations by kind.");
    }

    public void BytesReceived(long count) => _bytesReceived.Add(count);

    public void BytesSent(long count) => _bytesSent.Add(count);

    public void UploadStarted() => _uploadsInFlight.Add(1);

    public void UploadEnded() => _uploadsInFlight.Add(-1);

    public void Rehashed() => _rehashes.Add(1);

    public void BlobOperation(string operation) => _blobOperations.Add(1, new KeyValuePair<string, object?>("operation", operation));

    public void ManifestOperation(string operation) => _manifestOperations.Add(1, new KeyValuePair<string, object?>("operation", operation));
}
