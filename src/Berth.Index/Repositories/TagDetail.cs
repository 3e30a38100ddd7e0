namespace Berth.Index.Repositories;

/// <summary>A tag's page: the tag and the manifest it points at.</summary>
public sealed record TagDetail(string Repository, TagSummary Tag, IReadOnlyDictionary<string, string> Labels, ManifestDetail Manifest);
