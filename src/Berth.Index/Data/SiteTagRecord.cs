namespace Berth.Index.Data;

/// <summary>
/// A tag as one registered registry (site) holds it: a repository pushed, mirrored or replicated to several sites has
/// a row per site, so the index shows every site holding it with that site's own tags. The repository's Tags are the
/// union; a tag leaves them only when no site holds it any more.
/// </summary>
internal sealed class SiteTagRecord
{
    public long RepositoryId { get; set; }

    public long RegistryId { get; set; }

    public required string Tag { get; set; }

    public required string Digest { get; set; }

    public DateTime PushedAt { get; set; }
}
