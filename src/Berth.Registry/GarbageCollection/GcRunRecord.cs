namespace Berth.Registry.GarbageCollection;

/// <summary>
/// What a finished run (not a dry run) did, as kept in the store under /v1/gc/runs for the admin views: outcome
/// "completed" or "failed" (with the error), and what it removed and put back.
/// </summary>
public sealed record GcRunRecord
{
    public required string RunId { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required long DurationMs { get; init; }

    public required string Outcome { get; init; }

    /// <summary>The machine that ran it.</summary>
    public required string Node { get; init; }

    public int Repositories { get; init; }

    public int BlobsScanned { get; init; }

    public int BlobsDeleted { get; init; }

    public long BytesDeleted { get; init; }

    public int ManifestsDeleted { get; init; }

    public int UploadsPurged { get; init; }

    public int Restored { get; init; }

    /// <summary>Leftovers of writers killed mid-write (partial files, multipart uploads, staged blocks) removed.</summary>
    public int AbandonedWritesPurged { get; init; }

    public string? Error { get; init; }
}
