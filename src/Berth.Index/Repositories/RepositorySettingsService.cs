using Berth.Index.Accounts;
using Berth.Index.Audit;
using Berth.Index.Data;
using Berth.Index.Permissions;
using Berth.Index.Sites;
using Microsoft.EntityFrameworkCore;

namespace Berth.Index.Repositories;

/// <summary>
/// Changes to a repository's settings. Description and README need push; visibility, team permissions and deleting a
/// tag need delete (admin). A repository the viewer may not read is reported as absent (false / null).
/// </summary>
public sealed class RepositorySettingsService
{
    public const int MaxReadmeLength = 256 * 1024;
    private readonly IndexDbContextFactory _db;
    private readonly RepositoryQueries _queries;
    private readonly RegistryContentReaders _registries;
    private readonly AuditLog _audit;
    private readonly TimeProvider _time;

    public RepositorySettingsService(IndexDbContextFactory db, RepositoryQueries queries, RegistryContentReaders registries, AuditLog audit, TimeProvider time)
    {
        _db = db;
        _queries = queries;
        _registries = registries;
        _audit = audit;
        _time = time;
    }

    /// <summary>Applies the non-null settings; false when the repository is not visible to the viewer.</summary>
    public async Task<bool> UpdateAsync(IndexPrincipal viewer, string repository, RepositorySettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Description is { Length: > 1024 })
        {
            throw new IndexException("A description has at most 1024 characters.");
        }

        if (settings.Readme is { Length: > MaxReadmeLength })
        {
            throw new IndexException($"A README has at most {MaxReadmeLength} characters.");
        }

        await using var db = _db.Create();
        if (await _queries.FindReadableAsync(db, repository, viewer, cancellationToken) is not { } found)
        {
            return false;
        }

        await RequireAsync(viewer, repository, settings.Visibility is null ? PermissionService.Push : PermissionService.Delete, cancellationToken);
        var record = await db.Repositories.SingleAsync(r => r.Id == found.Id, cancellationToken);
        record.Description = settings.Description is null ? record.Description : Blank(settings.Description);
        record.Readme = settings.Readme is null ? record.Readme : Blank(settings.Readme);
        record.Visibility = settings.Visibility ?? record.Visibility;
        record.UpdatedAt = _time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await _audit.WriteAsync(AuditKinds.VisibilityChange, viewer.Name, repository, true, null, $"settings visibility={record.Visibility}", cancellationToken);
        return true;
    }

    /// <summary>Deletes a tag in the registry and in the metadata; false when the repository or tag is not there.</summary>
    public async Task<bool> DeleteTagAsync(IndexPrincipal viewer, string repository, string tag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = _db.Create();
        if (await _queries.FindReadableAsync(db, repository, viewer, cancellationToken) is not { } found)
        {
            return false;
        }

        await RequireAsync(viewer, repository, PermissionService.Delete, cancellationToken);

        // Deleted in every site holding the tag (a mirrored or replicated repository has it in several), else where the repository lives.
        var sites = await db.SiteTags.Where(s => s.RepositoryId == found.Id && s.Tag == tag)
            .Join(db.Registries, s => s.RegistryId, r => r.Id, (_, r) => r.Name).ToListAsync(cancellationToken);
        var deleted = false;
        foreach (var site in sites.Count > 0 ? sites.Cast<string?>() : [found.RegistryName])
        {
            var registry = await _registries.ForAsync(site, cancellationToken)
                ?? throw new IndexException($"The repository lives in registry '{site}', which is no longer registered.");
            deleted |= await registry.DeleteTagAsync(repository, tag, cancellationToken);
        }

        await db.SiteTags.Where(s => s.RepositoryId == found.Id && s.Tag == tag).ExecuteDeleteAsync(cancellationToken);
        var rows = await db.Tags.Where(t => t.RepositoryId == found.Id && t.Name == tag).ExecuteDeleteAsync(cancellationToken);
        return deleted || rows > 0;
    }

    /// <summary>The teams' permissions on the repository (and on all of its organisation's); empty for a user's repository.</summary>
    public async Task<IReadOnlyList<TeamPermission>?> ListTeamPermissionsAsync(IndexPrincipal viewer, string repository, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = _db.Create();
        if (await _queries.FindReadableAsync(db, repository, viewer, cancellationToken) is not { } found)
        {
            return null;
        }

        await RequireAsync(viewer, repository, PermissionService.Delete, cancellationToken);
        return await db.Grants.Where(g => g.TeamId != null && (g.Repository == repository || g.Repository == "*"))
            .Join(db.Namespaces.Where(n => n.Name == found.Namespace), g => g.NamespaceId, n => n.Id, (g, _) => g)
            .Join(db.Teams, g => g.TeamId, t => t.Id, (g, t) => new TeamPermission(t.Name, g.Repository, g.Permission))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Sets a team's permission on this repository, or removes it (permission null).</summary>
    public async Task<bool> SetTeamPermissionAsync(IndexPrincipal viewer, string repository, string team, RepositoryPermission? permission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = _db.Create();
        if (await _queries.FindReadableAsync(db, repository, viewer, cancellationToken) is not { } found)
        {
            return false;
        }

        await RequireAsync(viewer, repository, PermissionService.Delete, cancellationToken);
        var ns = await db.Namespaces.SingleOrDefaultAsync(n => n.Name == found.Namespace && n.Kind == NamespaceKind.Organization, cancellationToken)
            ?? throw new IndexException("Team permissions exist only for an organisation's repositories.");
        var teamRow = await db.Teams.SingleOrDefaultAsync(t => t.NamespaceId == ns.Id && t.Name == team, cancellationToken)
            ?? throw new IndexException($"'{ns.Name}' has no team '{team}'.");
        await db.Grants.Where(g => g.TeamId == teamRow.Id && g.Repository == repository).ExecuteDeleteAsync(cancellationToken);
        if (permission is { } value)
        {
            db.Grants.Add(new Grant { NamespaceId = ns.Id, TeamId = teamRow.Id, Repository = repository, Permission = value });
            await db.SaveChangesAsync(cancellationToken);
        }

        await _audit.WriteAsync(AuditKinds.GrantChange, viewer.Name, $"{ns.Name}/{team}", true, null, $"{permission?.ToString() ?? "none"} on {repository}", cancellationToken);
        return true;
    }

    private async Task RequireAsync(IndexPrincipal viewer, string repository, string action, CancellationToken cancellationToken)
    {
        if (!(await _queries.ActionsAsync(viewer, repository, cancellationToken)).Contains(action))
        {
            throw new IndexForbiddenException($"Changing this needs the '{action}' permission on '{repository}'.");
        }
    }

    private static string? Blank(string value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
