using Berth.Index.Data;

namespace Berth.Index.Repositories;

/// <summary>
/// A repository's page: metadata, README (Markdown and sanitised HTML), tags newest first, what the viewer may do,
/// and the host to pull from when the repository lives in a registered registry (null: the host the page was asked on).
/// </summary>
public sealed record RepositoryDetail(
    RepositorySummary Summary,
    string? ReadmeMarkdown,
    string? ReadmeHtml,
    IReadOnlyList<TagSummary> Tags,
    bool StarredByViewer,
    bool ViewerCanPush,
    bool ViewerCanAdminister,
    string? PullHost = null)
{
    public string Name => Summary.Name;

    public RepositoryVisibility Visibility => Summary.Visibility;
}
