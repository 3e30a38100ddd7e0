using Berth.Index.Data;

namespace Berth.Index.Repositories;

/// <summary>
/// A repository's page: metadata, README (Markdown and sanitised HTML), tags newest first, and what the viewer may do.
/// </summary>
public sealed record RepositoryDetail(
    RepositorySummary Summary,
    string? ReadmeMarkdown,
    string? ReadmeHtml,
    IReadOnlyList<TagSummary> Tags,
    bool StarredByViewer,
    bool ViewerCanPush,
    bool ViewerCanAdminister)
{
    public string Name => Summary.Name;

    public RepositoryVisibility Visibility => Summary.Visibility;
}
