namespace Berth.Registry.Consistency;

/// <summary>The outcome of one consistency check: what was looked at, and every problem found.</summary>
public sealed record StoreCheckReport
{
    public required int Repositories { get; init; }

    public required int Tags { get; init; }

    public required int Revisions { get; init; }

    public required int LayerLinks { get; init; }

    /// <summary>
    /// Layer links whose content garbage collection removed and no manifest of their repository references: the state
    /// a collection leaves on purpose, counted but not a problem.
    /// </summary>
    public required int CollectedLayerLinks { get; init; }

    /// <summary>
    /// Child manifests an index names that are not stored, with Registry:Manifests:AllowSparseIndexes on: a sparse index
    /// is accepted without them, so they are counted but not a problem (with the setting off they are MissingReference).
    /// </summary>
    public required int AbsentIndexChildren { get; init; }

    public required int ReferrerLinks { get; init; }

    /// <summary>Blobs listed under the blob root (0 when content was not verified).</summary>
    public required int Blobs { get; init; }

    public required int BlobsVerified { get; init; }

    public required long BytesVerified { get; init; }

    public required bool ContentVerified { get; init; }

    public required IReadOnlyList<StoreProblem> Problems { get; init; }

    public required IReadOnlyList<StaleUpload> StaleUploads { get; init; }

    public required TimeSpan Duration { get; init; }

    /// <summary>True when every link points at stored content and (if verified) every blob matches its digest.</summary>
    public bool IsConsistent => Problems.Count == 0;
}
