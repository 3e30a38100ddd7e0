using Berth.Registry.GarbageCollection;

namespace Berth.Registry.Api.Admin;

/// <summary>The answer of POST /api/v1/admin/gc/runs: what the run removed (or, dry, would remove).</summary>
internal sealed record GcRunResult(
    string RunId,
    bool DryRun,
    DateTimeOffset StartedAt,
    long DurationMs,
    int Repositories,
    int BlobsScanned,
    int BlobsInUse,
    int BlobsDeleted,
    long BytesDeleted,
    int ManifestsDeleted,
    int UploadsPurged,
    int Restored,
    IReadOnlyList<GcBlobEntry> Blobs,
    IReadOnlyList<GcManifestEntry> Manifests)
{
    public static GcRunResult From(GarbageCollectionReport report) => new(
        report.RunId,
        report.DryRun,
        report.StartedAt,
        (long)report.Duration.TotalMilliseconds,
        report.Repositories,
        report.BlobsScanned,
        report.BlobsInUse,
        report.BlobsDeleted,
        report.BytesDeleted,
        report.ManifestsDeleted,
        report.UploadsPurged,
        report.Restored,
        [.. report.DeletedBlobs.Select(b => new GcBlobEntry(b.Digest.ToString(), b.Size))],
        [.. report.DeletedManifests.Select(m => new GcManifestEntry(m.Repository, m.Digest.ToString()))]);
}
