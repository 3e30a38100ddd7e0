namespace Berth.Web.Catalog;

/// <summary>A tag page: the manifest it points at, and the artifacts (signatures, SBOMs) that refer to it.</summary>
public sealed record TagView(string Repository, TagRow Tag, ManifestView Manifest, IReadOnlyList<ReferrerRow> Referrers, RepositoryAccess Access);
