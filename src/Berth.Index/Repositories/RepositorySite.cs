namespace Berth.Index.Repositories;

/// <summary>
/// A registered registry (site) holding a repository: where to pull it from there and the tags that site holds
/// (newest first). A repository mirrored or replicated to several sites has one per site.
/// </summary>
public sealed record RepositorySite(string Registry, string? PullHost, IReadOnlyList<RepositorySiteTag> Tags);
