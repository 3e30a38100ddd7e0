namespace Berth.Index.Data;

/// <summary>
/// A blob or manifest the repository's recorded manifests reference, with how many of them do: the repository's
/// TotalSize is the sum of these sizes, kept by adding a manifest's references when it is recorded and removing them
/// when it is deleted, so a push costs its own references rather than a pass over every manifest.
/// RepositorySizes (Berth.Index.Metadata) rebuilds the rows from the manifests when they may have drifted.
/// </summary>
internal sealed class RepositoryBlobRecord
{
    public long RepositoryId { get; set; }

    public required string Digest { get; set; }

    public long Size { get; set; }

    /// <summary>Recorded manifests referencing it (a manifest counts itself once); the row goes at zero.</summary>
    public int References { get; set; }
}
