using Berth.Index.Data;

namespace Berth.Index.Repositories;

/// <summary>
/// A repository's page: metadata, README (Markdown and sanitised HTML), tags newest first, what the viewer may do,
/// the host to pull from when the repository lives in a registered registry (null: the host the page was asked on), and
/// every registered registry (site) holding it with that site's tags, the one it lives in first (none in a single process).
/// </summary>
public sealed record RepositoryDetail(
    RepositorySummary Summary,
    string? ReadmeMarkdown,
    string? ReadmeHtml,
    IReadOnlyList<TagSummary> Tags,
    bool StarredByViewer,
    bool ViewerCanPush,
    bool ViewerCanAdminister,
    string? PullHost,
    IReadOnlyList<RepositorySite> Sites)
{
    public string Name => Summary.Name;

    public RepositoryVisibility Visibility => Summary.Visibility;
}
