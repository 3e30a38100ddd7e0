using Berth.Registry.Content;

namespace Berth.Registry.Manifests;

/// <summary>What the registry needs to know of a manifest: its type, what it references, and its subject.</summary>
public sealed record ParsedManifest(
    string MediaType,
    Descriptor? Config,
    IReadOnlyList<Descriptor> Layers,
    IReadOnlyList<Descriptor> Manifests,
    Descriptor? Subject,
    string? ArtifactType,
    IReadOnlyDictionary<string, string>? Annotations)
{
    public bool IsIndex => MediaTypes.IsIndex(MediaType);

    /// <summary>The artifactType a referrers listing shows: the manifest's own, else an image manifest's config media type.</summary>
    public string? ReferrerArtifactType => ArtifactType ?? (IsIndex ? null : Config?.MediaType);
}
