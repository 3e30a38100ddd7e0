namespace Berth.Index.Repositories;

/// <summary>
/// A manifest's page: config, layers (images) or platform manifests (indexes), labels, the tags pointing at it and
/// its referrers.
/// </summary>
public sealed record ManifestDetail(
    string Repository,
    string Digest,
    string MediaType,
    long Size,
    long TotalSize,
    string? ArtifactType,
    LayerInfo? Config,
    IReadOnlyList<LayerInfo> Layers,
    IReadOnlyList<PlatformManifest> Manifests,
    string? Platform,
    DateTime? CreatedAt,
    DateTime PushedAt,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<string> Tags,
    IReadOnlyList<ReferrerInfo> Referrers,
    string? SubjectDigest);
