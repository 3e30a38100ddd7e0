using Berth.Registry.Names;

namespace Berth.Index.Data;

/// <summary>
/// What the index knows of a repository: its visibility (one without a record is private) and the metadata the
/// registry's events keep current. Name and Description are indexed for full-text search (SQLite FTS5 table
/// RepositorySearch kept by triggers; PostgreSQL generated tsvector column SearchVector with a GIN index).
/// </summary>
internal sealed class RepositoryRecord
{
    public long Id { get; set; }

    public required string Name { get; set; }

    /// <summary>The first component of the name, kept apart so that visibility filters use an index.</summary>
    public string Namespace { get; set; } = string.Empty;

    public RepositoryVisibility Visibility { get; set; }

    /// <summary>A short plain-text description, shown in listings and searched.</summary>
    public string? Description { get; set; }

    /// <summary>The README as Markdown; rendered and sanitised when shown.</summary>
    public string? Readme { get; set; }

    public int StarCount { get; set; }

    public long PullCount { get; set; }

    /// <summary>Bytes of the distinct blobs (configs and layers) and manifests the repository's manifests reference.</summary>
    public long TotalSize { get; set; }

    public DateTime? LastPushedAt { get; set; }

    /// <summary>The last push or settings change: what "recently updated" sorts by.</summary>
    public DateTime UpdatedAt { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>The registry (site) the repository's images were pushed to; null for the registry in the index's process.</summary>
    public string? RegistryName { get; set; }

    /// <summary>A new private record, as the index makes one for a repository it first hears of.</summary>
    public static RepositoryRecord Create(RepositoryName name, DateTime now) =>
        new() { Name = name.Value, Namespace = name.Namespace, Visibility = RepositoryVisibility.Private, CreatedAt = now, UpdatedAt = now };
}
