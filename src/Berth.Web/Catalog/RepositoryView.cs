namespace Berth.Web.Catalog;

/// <summary>
/// A repository page: summary, README (raw and rendered, sanitised), tags, what the viewer may do, and the sites
/// (registered registries) holding it, the one it lives in first (none in a single process).
/// </summary>
public sealed record RepositoryView(
    RepositorySummary Summary,
    string? Readme,
    string? ReadmeHtml,
    long TotalSize,
    IReadOnlyList<TagRow> Tags,
    bool StarredByViewer,
    RepositoryAccess Access,
    string? Registry,
    string? PullHost,
    IReadOnlyList<SiteView> Sites);
