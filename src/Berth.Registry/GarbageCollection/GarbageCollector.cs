using System.Diagnostics;
using Berth.Registry.Events;
using Berth.Registry.Manifests;
using Berth.Registry.Names;
using Berth.Registry.Quotas;
using Berth.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.Registry.GarbageCollection;

/// <summary>
/// Online garbage collection over any driver, while pushes and pulls go on (docs/gc.md): mark, set aside what is
/// unused, mark again, then put back what a push referenced meanwhile and delete the rest. Stale uploads are purged
/// on the way. One run at a time per store, by a lease in the store itself.
/// </summary>
public sealed class GarbageCollector(
    IStorageDriver driver,
    IOptions<GarbageCollectionOptions> options,
    GarbageCollectionMetrics metrics,
    RegistryEventPublisher events,
    ManifestCache manifestCache,
    GarbageCollectionHistory history,
    StorageUsage usage,
    TimeProvider time,
    ILogger<GarbageCollector> logger)
{
    public const string Actor = "garbage-collector";

    public async Task<GarbageCollectionReport> RunAsync(bool dryRun, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var runId = Guid.NewGuid().ToString("N")[..12];
        var startedAt = time.GetUtcNow();
        var stopwatch = Stopwatch.StartNew();
        Log.RunStarted(logger, runId, dryRun, driver.Name);
        var lease = new GcLease(driver, settings, time, runId);
        try
        {
            if (!dryRun && await lease.AcquireAsync(cancellationToken) is { } holder)
            {
                Log.LeaseHeld(logger, runId, holder.Owner, holder.Until);
                metrics.Run("skipped", dryRun);
                return new GarbageCollectionReport { RunId = runId, DryRun = dryRun, StartedAt = startedAt, Skipped = true, Duration = stopwatch.Elapsed };
            }

            using var renewal = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var renewing = dryRun ? Task.CompletedTask : RenewAsync(lease, settings.LeaseDuration / 3, renewal.Token);
            try
            {
                var report = await CollectAsync(runId, startedAt, dryRun, lease, stopwatch, cancellationToken);
                metrics.Run("completed", dryRun);
                metrics.Completed(report);
                if (!dryRun)
                {
                    usage.ForgetAll();
                    await history.RecordAsync(Record(report, "completed", null), CancellationToken.None);
                }

                Log.RunFinished(logger, runId, (long)report.Duration.TotalMilliseconds, report.BlobsDeleted, report.BytesDeleted, report.ManifestsDeleted, report.UploadsPurged, report.AbandonedWritesPurged, report.Restored, dryRun);
                return report;
            }
            finally
            {
                await renewal.CancelAsync();
                await renewing;
                if (!dryRun)
                {
                    await lease.ReleaseAsync(CancellationToken.None);
                }
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            metrics.Run("failed", dryRun);
            Log.RunFailed(logger, exception, runId);
            if (!dryRun)
            {
                var failed = new GarbageCollectionReport { RunId = runId, DryRun = false, StartedAt = startedAt, Duration = stopwatch.Elapsed };
                await history.RecordAsync(Record(failed, "failed", exception.Message), CancellationToken.None);
            }

            throw;
        }
    }

    private async Task<GarbageCollectionReport> CollectAsync(string runId, DateTimeOffset startedAt, bool dryRun, GcLease lease, Stopwatch stopwatch, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var gate = new GcGate(settings.Concurrency);
        var storage = new GcStorage(driver, gate);
        var reader = new GcManifestReader(driver, gate);
        var marker = new GcMarker(storage, reader, settings);
        var blobs = new GcBlobSweeper(storage);
        var revisions = new GcRevisionSweeper(storage, reader);
        var uploads = new GcUploadPurger(storage);
        var abandoned = new GcAbandonedWritePurger(storage);

        var first = await marker.MarkAsync(startedAt, cancellationToken);
        Log.Marked(logger, runId, first.Blobs.Count, first.Repositories.Count, stopwatch.ElapsedMilliseconds);
        var stored = await blobs.ListStoredAsync(cancellationToken);
        var unused = await blobs.FindUnusedAsync(stored, first.Blobs, startedAt - settings.GracePeriod, cancellationToken);
        var unreachable = settings.DeleteUntaggedManifests ? GcRevisionSweeper.FindUnreachable(first) : [];
        var stale = await uploads.FindStaleAsync(first, startedAt - settings.UploadMaxAge, cancellationToken);
        var leftovers = (await blobs.ListSetAsideAsync(cancellationToken)).Where(d => !first.Blobs.Contains(d)).ToList();
        var report = new GarbageCollectionReport
        {
            RunId = runId,
            DryRun = dryRun,
            StartedAt = startedAt,
            Repositories = first.Repositories.Count,
            BlobsScanned = stored.Count,
            BlobsInUse = first.Blobs.Count,
        };
        if (dryRun)
        {
            var leftoverBlobs = await Task.WhenAll(leftovers.Select(async d => new CollectedBlob(d, await blobs.SizeOfSetAsideAsync(d, cancellationToken))));
            return report with
            {
                DeletedBlobs = [.. unused, .. leftoverBlobs],
                DeletedManifests = [.. unreachable, .. GcRevisionSweeper.FindLeftovers(first)],
                PurgedUploads = stale,
                Duration = stopwatch.Elapsed,
            };
        }

        await lease.EnsureHeldAsync(cancellationToken);
        await uploads.PurgeAsync(stale, cancellationToken);
        var abandonedWrites = await abandoned.PurgeAsync(startedAt - settings.UploadMaxAge, cancellationToken);
        await revisions.SetAsideAsync(unreachable, cancellationToken);
        await blobs.SetAsideAsync(unused, cancellationToken);
        var setAside = await blobs.ListSetAsideAsync(cancellationToken);

        // The second mark starts after everything was set aside: a push whose revision link it misses wrote that link
        // after the set-aside, so its own check after the link finds the content gone and fails instead.
        var second = await marker.MarkAsync(startedAt, cancellationToken);
        await lease.EnsureHeldAsync(cancellationToken);
        var (deletedManifests, restoredManifests) = await revisions.FinishAsync(second, cancellationToken);
        var (deletedBlobs, restoredBlobs) = await blobs.FinishAsync(setAside, second.Blobs, cancellationToken);
        foreach (var digest in restoredManifests.Concat(restoredBlobs))
        {
            Log.Restored(logger, runId, digest);
        }

        Publish(runId, deletedManifests, stale);
        foreach (var blob in deletedBlobs)
        {
            Log.BlobDeleted(logger, runId, blob.Digest, blob.Size);
        }

        return report with
        {
            DeletedBlobs = deletedBlobs,
            DeletedManifests = deletedManifests,
            PurgedUploads = stale,
            AbandonedWritesPurged = abandonedWrites,
            Restored = restoredManifests.Count + restoredBlobs.Count,
            Duration = stopwatch.Elapsed,
        };
    }

    private static GcRunRecord Record(GarbageCollectionReport report, string outcome, string? error) => new()
    {
        RunId = report.RunId,
        StartedAt = report.StartedAt,
        DurationMs = (long)report.Duration.TotalMilliseconds,
        Outcome = outcome,
        Node = Environment.MachineName,
        Repositories = report.Repositories,
        BlobsScanned = report.BlobsScanned,
        BlobsDeleted = report.BlobsDeleted,
        BytesDeleted = report.BytesDeleted,
        ManifestsDeleted = report.ManifestsDeleted,
        UploadsPurged = report.UploadsPurged,
        Restored = report.Restored,
        AbandonedWritesPurged = report.AbandonedWritesPurged,
        Error = error,
    };

    private void Publish(string runId, List<CollectedManifest> deletedManifests, List<CollectedUpload> stale)
    {
        foreach (var manifest in deletedManifests)
        {
            Log.ManifestDeleted(logger, runId, manifest.Digest, manifest.Repository);
            manifestCache.Forget(RepositoryName.Parse(manifest.Repository));
            if (events.HasSinks)
            {
                events.Publish(new RegistryEvent
                {
                    Id = Guid.NewGuid().ToString(),
                    Timestamp = time.GetUtcNow(),
                    Action = RegistryEventAction.Delete,
                    Repository = manifest.Repository,
                    IsManifest = true,
                    Digest = manifest.Digest,
                    Actor = Actor,
                });
            }
        }

        foreach (var upload in stale)
        {
            Log.UploadPurged(logger, runId, upload.UploadId, upload.Repository, upload.StartedAt);
        }
    }

    private async Task RenewAsync(GcLease lease, TimeSpan every, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(every, time, cancellationToken);
                await lease.RenewAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (InvalidOperationException)
        {
            // Lost the lease: the next EnsureHeldAsync stops the run before it removes anything more.
        }
    }
}
