using Berth.Registry.Content;

namespace Berth.Registry.GarbageCollection;

/// <summary>What a run found and removed; for a dry run, what it would have removed.</summary>
public sealed record GarbageCollectionReport
{
    public required string RunId { get; init; }

    public required bool DryRun { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public TimeSpan Duration { get; init; }

    /// <summary>Another run held the store's lease, so this one did nothing.</summary>
    public bool Skipped { get; init; }

    public int Repositories { get; init; }

    /// <summary>Blob folders listed under /v1/blobs (on a filesystem, also the empty folders of blobs removed earlier).</summary>
    public int BlobsScanned { get; init; }

    /// <summary>Blobs the first mark found in use.</summary>
    public int BlobsInUse { get; init; }

    public IReadOnlyList<CollectedBlob> DeletedBlobs { get; init; } = [];

    public IReadOnlyList<CollectedManifest> DeletedManifests { get; init; } = [];

    public IReadOnlyList<CollectedUpload> PurgedUploads { get; init; } = [];

    /// <summary>Remains of writers whose process died (partial files, open multipart uploads, unmoved mirror fills); not counted by a dry run.</summary>
    public int AbandonedWritesPurged { get; init; }

    /// <summary>Blobs and revisions set aside by this or a crashed run and put back because a push referenced them.</summary>
    public int Restored { get; init; }

    public int BlobsDeleted => DeletedBlobs.Count;

    public long BytesDeleted => DeletedBlobs.Sum(b => b.Size);

    public int ManifestsDeleted => DeletedManifests.Count;

    public int UploadsPurged => PurgedUploads.Count;
}

public sealed record CollectedBlob(Digest Digest, long Size);

public sealed record CollectedManifest(string Repository, Digest Digest);

public sealed record CollectedUpload(string Repository, string UploadId, DateTimeOffset? StartedAt);
