namespace Berth.Web.Catalog;

/// <summary>A repository page: summary, README (raw and rendered, sanitised), tags, and what the viewer may do.</summary>
public sealed record RepositoryView(
    RepositorySummary Summary,
    string? Readme,
    string? ReadmeHtml,
    long TotalSize,
    IReadOnlyList<TagRow> Tags,
    bool StarredByViewer,
    RepositoryAccess Access,
    string? Registry = null,
    string? PullHost = null);
