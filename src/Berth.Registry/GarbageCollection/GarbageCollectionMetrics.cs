using System.Diagnostics.Metrics;

namespace Berth.Registry.GarbageCollection;

/// <summary>Instruments of garbage collection runs (meter "Berth.GarbageCollection").</summary>
public sealed class GarbageCollectionMetrics
{
    public const string MeterName = "Berth.GarbageCollection";

    private readonly Counter<long> _runs;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _blobsDeleted;
    private readonly Counter<long> _bytesDeleted;
    private readonly Counter<long> _manifestsDeleted;
    private readonly Counter<long> _uploadsPurged;
    private readonly Counter<long> _restored;
    private readonly Counter<long> _abandonedWritesPurged;

    public GarbageCollectionMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _runs = meter.CreateCounter<long>("berth.gc.runs", "{run}", "Garbage collection runs by outcome (completed, skipped, failed) and dry_run.");
        _duration = meter.CreateHistogram<double>("berth.gc.duration", "s", "Duration of completed garbage collection runs.");
        _blobsDeleted = meter.CreateCounter<long>("berth.gc.blobs_deleted", "{blob}", "Blobs removed by garbage collection.");
        _bytesDeleted = meter.CreateCounter<long>("berth.gc.bytes_deleted", "By", "Bytes of blobs removed by garbage collection.");
        _manifestsDeleted = meter.CreateCounter<long>("berth.gc.manifests_deleted", "{manifest}", "Untagged manifests removed by garbage collection.");
        _uploadsPurged = meter.CreateCounter<long>("berth.gc.uploads_purged", "{upload}", "Stale uploads purged by garbage collection.");
        _abandonedWritesPurged = meter.CreateCounter<long>("berth.gc.abandoned_writes_purged", "{write}", "Remains of writers whose process died, purged by garbage collection.");
        _restored = meter.CreateCounter<long>("berth.gc.restored", "{object}", "Blobs and revisions set aside and then restored because a push referenced them.");
    }

    public void Run(string outcome, bool dryRun) =>
        _runs.Add(1, new KeyValuePair<string, object?>("outcome", outcome), new KeyValuePair<string, object?>("dry_run", dryRun));

    public void Completed(GarbageCollectionReport report)
    {
        _duration.Record(report.Duration.TotalSeconds, new KeyValuePair<string, object?>("dry_run", report.DryRun));
        if (!report.DryRun)
        {
            _blobsDeleted.Add(report.BlobsDeleted);
            _bytesDeleted.Add(report.BytesDeleted);
            _manifestsDeleted.Add(report.ManifestsDeleted);
            _uploadsPurged.Add(report.UploadsPurged);
            _restored.Add(report.Restored);
            _abandonedWritesPurged.Add(report.AbandonedWritesPurged);
        }
    }
}
