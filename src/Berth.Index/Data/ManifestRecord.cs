namespace Berth.Index.Data;

/// <summary>A manifest of a repository as pushed: its layers with sizes, its config, its children for an index.</summary>
internal sealed class ManifestRecord
{
    public long Id { get; set; }

    public long RepositoryId { get; set; }

    public required string Digest { get; set; }

    public required string MediaType { get; set; }

    /// <summary>The manifest's own bytes.</summary>
    public long Size { get; set; }

    /// <summary>Manifest, config and layers; for an index, its own bytes plus its children's totals when known.</summary>
    public long TotalSize { get; set; }

    public string? ArtifactType { get; set; }

    public string? ConfigDigest { get; set; }

    public string? ConfigMediaType { get; set; }

    public long? ConfigSize { get; set; }

    /// <summary>JSON array of {mediaType, digest, size} for an image's layers.</summary>
    public string? LayersJson { get; set; }

    /// <summary>JSON array of {mediaType, digest, size, platform} for an index's manifests.</summary>
    public string? ChildrenJson { get; set; }

    /// <summary>The platform from the config (os/architecture/variant), for images.</summary>
    public string? Platform { get; set; }

    public string? SubjectDigest { get; set; }

    public DateTime? CreatedAt { get; set; }

    public DateTime PushedAt { get; set; }

    public string? LabelsJson { get; set; }
}
