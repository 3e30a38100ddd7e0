using Berth.Index.Data;

namespace Berth.Web.Catalog;

/// <summary>
/// What the pages ask of the index, phrased in the UI's own view models so that pages do not depend on entity shapes.
/// Every method answers only what the viewer may read: null (shown as 404) for a repository they may not see.
/// </summary>
public interface IWebCatalog
{
    Task<RepositoryListPage> ListAsync(WebViewer viewer, string? query, RepositorySort sort, int page, int pageSize, CancellationToken cancellationToken);

    Task<RepositoryView?> GetRepositoryAsync(WebViewer viewer, string name, CancellationToken cancellationToken);

    Task<TagView?> GetTagAsync(WebViewer viewer, string repository, string tag, CancellationToken cancellationToken);

    Task<NamespaceView?> GetNamespaceAsync(WebViewer viewer, string name, CancellationToken cancellationToken);

    /// <summary>Stars or unstars a repository the viewer may read; false when they may not.</summary>
    Task<bool> SetStarAsync(WebViewer viewer, string repository, bool starred, CancellationToken cancellationToken);

    /// <summary>Changes description, README and visibility; only for those who administer the repository.</summary>
    Task UpdateRepositoryAsync(WebViewer viewer, string repository, RepositorySettings settings, CancellationToken cancellationToken);

    Task DeleteTagAsync(WebViewer viewer, string repository, string tag, CancellationToken cancellationToken);

    /// <summary>The organisation's teams and their grants on the repository; empty for a user's repository.</summary>
    Task<IReadOnlyList<TeamPermissionRow>> GetTeamPermissionsAsync(WebViewer viewer, string repository, CancellationToken cancellationToken);

    /// <summary>Sets a team's permission on the repository, or removes its grant there (null).</summary>
    Task SetTeamPermissionAsync(WebViewer viewer, string repository, string team, RepositoryPermission? permission, CancellationToken cancellationToken);
}
