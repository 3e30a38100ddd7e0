using Berth.Index;
using Berth.Index.Data;
using Berth.Index.Permissions;
using Berth.Index.Profiles;
using Berth.Index.Repositories;
using Repos = Berth.Index.Repositories;

namespace Berth.Web.Catalog;

/// <summary>
/// The pages' questions answered by the index's query and settings services, which apply the visibility and
/// permission rules; this class only maps their records to the UI's view models.
/// </summary>
internal sealed class IndexWebCatalog : IWebCatalog
{
    private readonly RepositoryQueries _queries;
    private readonly RepositorySettingsService _settings;
    private readonly StarService _stars;
    private readonly ProfileQueries _profiles;

    public IndexWebCatalog(RepositoryQueries queries, RepositorySettingsService settings, StarService stars, ProfileQueries profiles)
    {
        _queries = queries;
        _settings = settings;
        _stars = stars;
        _profiles = profiles;
    }

    public async Task<RepositoryListPage> ListAsync(WebViewer viewer, string? query, RepositorySort sort, int page, int pageSize, CancellationToken cancellationToken)
    {
        var request = new RepositoryListRequest { Query = query, Sort = ToIndex(sort), Page = page, PageSize = pageSize };
        var result = await _queries.ListAsync(request, viewer.Principal, cancellationToken);
        return new RepositoryListPage([.. result.Items.Select(ToSummary)], result.Total, result.Page, result.PageSize);
    }

    public async Task<RepositoryView?> GetRepositoryAsync(WebViewer viewer, string name, CancellationToken cancellationToken)
    {
        var detail = await _queries.GetAsync(name, viewer.Principal, cancellationToken);
        return detail is null ? null : new RepositoryView(
            ToSummary(detail.Summary),
            detail.ReadmeMarkdown,
            ReadmeHeadings.Demote(detail.ReadmeHtml),
            detail.Summary.TotalSize,
            [.. detail.Tags.Select(ToRow)],
            detail.StarredByViewer,
            new RepositoryAccess(viewer.IsSignedIn, detail.ViewerCanPush, detail.ViewerCanAdminister),
            detail.Summary.Registry,
            detail.PullHost);
    }

    public async Task<TagView?> GetTagAsync(WebViewer viewer, string repository, string tag, CancellationToken cancellationToken)
    {
        var detail = await _queries.GetTagAsync(repository, tag, viewer.Principal, cancellationToken);
        if (detail is null)
        {
            return null;
        }

        var actions = await _queries.ActionsAsync(viewer.Principal, repository, cancellationToken);
        var m = detail.Manifest;
        var manifest = new ManifestView(
            m.Digest,
            m.MediaType,
            m.Size,
            m.ArtifactType,
            m.Config is { } config ? new DescriptorRow(config.MediaType, config.Digest, config.Size, null) : null,
            m.Platform,
            m.CreatedAt,
            [.. m.Layers.Select(l => new DescriptorRow(l.MediaType, l.Digest, l.Size, null))],
            [.. m.Manifests.Select(c => new DescriptorRow(c.MediaType, c.Digest, c.Size, c.Platform, c.Pushed))],
            detail.Labels.Count > 0 ? detail.Labels : m.Labels);
        return new TagView(
            detail.Repository,
            ToRow(detail.Tag),
            manifest,
            [.. m.Referrers.Select(r => new ReferrerRow(r.Digest, r.ArtifactType, r.MediaType, r.Size, r.Annotations))],
            new RepositoryAccess(viewer.IsSignedIn, actions.Contains(PermissionService.Push), actions.Contains(PermissionService.Delete)));
    }

    public async Task<NamespaceView?> GetNamespaceAsync(WebViewer viewer, string name, CancellationToken cancellationToken)
    {
        var profile = await _profiles.GetAsync(name, viewer.Principal, cancellationToken);
        if (profile is null)
        {
            return null;
        }

        var repositories = await _queries.ListAsync(
            new RepositoryListRequest { Namespace = name, Sort = Repos.RepositorySort.Name, PageSize = RepositoryListRequest.MaxPageSize },
            viewer.Principal,
            cancellationToken);
        return new NamespaceView(profile.Name, profile.Kind == NamespaceKind.Organization, profile.CreatedAt, [.. repositories.Items.Select(ToSummary)], profile.Teams);
    }

    public async Task<bool> SetStarAsync(WebViewer viewer, string repository, bool starred, CancellationToken cancellationToken) =>
        viewer.Principal is { } principal && await _stars.SetAsync(principal, repository, starred, cancellationToken) is not null;

    public async Task UpdateRepositoryAsync(WebViewer viewer, string repository, RepositorySettings settings, CancellationToken cancellationToken)
    {
        var principal = viewer.Principal ?? throw new IndexForbiddenException("Sign in to change a repository.");
        var visibility = settings.IsPublic ? RepositoryVisibility.Public : RepositoryVisibility.Private;

        // The description and README are sent as they are (empty clears them); the index treats null as "keep".
        var change = new Repos.RepositorySettings(settings.Description ?? string.Empty, settings.Readme ?? string.Empty, visibility);
        if (!await _settings.UpdateAsync(principal, repository, change, cancellationToken))
        {
            throw new IndexException($"No repository '{repository}'.");
        }
    }

    public async Task DeleteTagAsync(WebViewer viewer, string repository, string tag, CancellationToken cancellationToken)
    {
        var principal = viewer.Principal ?? throw new IndexForbiddenException("Sign in to delete a tag.");
        if (!await _settings.DeleteTagAsync(principal, repository, tag, cancellationToken))
        {
            throw new IndexException($"No tag '{tag}' in '{repository}'.");
        }
    }

    public async Task<IReadOnlyList<TeamPermissionRow>> GetTeamPermissionsAsync(WebViewer viewer, string repository, CancellationToken cancellationToken)
    {
        if (viewer.Principal is not { } principal || !Berth.Registry.Names.RepositoryName.TryParse(repository, out var name))
        {
            return [];
        }

        var profile = await _profiles.GetAsync(name.Namespace, principal, cancellationToken);
        if (profile is not { Kind: NamespaceKind.Organization })
        {
            return [];
        }

        var grants = await _settings.ListTeamPermissionsAsync(principal, repository, cancellationToken) ?? [];
        return [.. profile.Teams.Union(grants.Select(g => g.Team), StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(team => new TeamPermissionRow(
            team,
            grants.Where(g => g.Team == team && g.Repository != "*").Select(g => (RepositoryPermission?)g.Permission).Max(),
            grants.Where(g => g.Team == team && g.Repository == "*").Select(g => (RepositoryPermission?)g.Permission).Max()))];
    }

    public async Task SetTeamPermissionAsync(WebViewer viewer, string repository, string team, RepositoryPermission? permission, CancellationToken cancellationToken)
    {
        var principal = viewer.Principal ?? throw new IndexForbiddenException("Sign in to change permissions.");
        if (!await _settings.SetTeamPermissionAsync(principal, repository, team, permission, cancellationToken))
        {
            throw new IndexException($"No repository '{repository}'.");
        }
    }

    private static Repos.RepositorySort ToIndex(RepositorySort sort) => sort switch
    {
        RepositorySort.Stars => Repos.RepositorySort.Stars,
        RepositorySort.Pulls => Repos.RepositorySort.Pulls,
        RepositorySort.Name => Repos.RepositorySort.Name,
        _ => Repos.RepositorySort.Updated,
    };

    private static RepositorySummary ToSummary(Repos.RepositorySummary s) =>
        new(s.Name, s.Description, s.Visibility == RepositoryVisibility.Public, s.StarCount, s.PullCount, s.LastPushedAt, s.UpdatedAt);

    private static TagRow ToRow(TagSummary t) => new(t.Name, t.Digest, t.MediaType, t.Size, t.Platforms, t.PushedAt);
}
