namespace Berth.Web.Catalog;

/// <summary>A manifest's parts: config and layers for an image, platform manifests for an index.</summary>
public sealed record ManifestView(
    string Digest,
    string MediaType,
    long Size,
    string? ArtifactType,
    DescriptorRow? Config,
    string? Platform,
    DateTime? CreatedAt,
    IReadOnlyList<DescriptorRow> Layers,
    IReadOnlyList<DescriptorRow> Children,
    IReadOnlyDictionary<string, string> Labels);
