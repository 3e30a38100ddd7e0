using Microsoft.Extensions.Logging;

namespace Berth.Registry.GarbageCollection;

internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Garbage collection {RunId} started (dry run: {DryRun}) on {Driver}")]
    public static partial void RunStarted(ILogger logger, string runId, bool dryRun, string driver);

    [LoggerMessage(Level = LogLevel.Information, Message = "Garbage collection {RunId} marked {Blobs} blobs in use across {Repositories} repositories in {ElapsedMs} ms")]
    public static partial void Marked(ILogger logger, string runId, int blobs, int repositories, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Garbage collection {RunId} finished in {ElapsedMs} ms: {BlobsDeleted} blobs ({BytesDeleted} bytes), {ManifestsDeleted} manifests, {UploadsPurged} uploads and {AbandonedWrites} abandoned writes removed, {Restored} restored (dry run: {DryRun})")]
    public static partial void RunFinished(ILogger logger, string runId, long elapsedMs, int blobsDeleted, long bytesDeleted, int manifestsDeleted, int uploadsPurged, int abandonedWrites, int restored, bool dryRun);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Garbage collection {RunId} skipped: run {Holder} holds the store until {Until}")]
    public static partial void LeaseHeld(ILogger logger, string runId, string holder, DateTimeOffset until);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Garbage collection {RunId} finished but its record could not be written to the store")]
    public static partial void HistoryNotWritten(ILogger logger, Exception exception, string runId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Garbage collection {RunId} failed")]
    public static partial void RunFailed(ILogger logger, Exception exception, string runId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Garbage collection {RunId} removed blob {Digest} ({Bytes} bytes)")]
    public static partial void BlobDeleted(ILogger logger, string runId, Content.Digest digest, long bytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Garbage collection {RunId} removed untagged manifest {Digest} of {Repository}")]
    public static partial void ManifestDeleted(ILogger logger, string runId, Content.Digest digest, string repository);

    [LoggerMessage(Level = LogLevel.Information, Message = "Garbage collection {RunId} restored {Digest}: a push referenced it while the run ran")]
    public static partial void Restored(ILogger logger, string runId, Content.Digest digest);

    [LoggerMessage(Level = LogLevel.Information, Message = "Garbage collection {RunId} purged upload {UploadId} of {Repository}, started {StartedAt}")]
    public static partial void UploadPurged(ILogger logger, string runId, string uploadId, string repository, DateTimeOffset? startedAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Garbage collection {RunId} cannot read manifest {Digest}; its references are not marked")]
    public static partial void ManifestUnreadable(ILogger logger, string runId, Content.Digest digest);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled lifecycle run (retention or garbage collection) failed; the next run is in {Interval}")]
    public static partial void ScheduledRunFailed(ILogger logger, Exception exception, TimeSpan interval);
}
