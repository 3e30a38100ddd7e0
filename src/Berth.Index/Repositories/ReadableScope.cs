using Berth.Index.Accounts;
using Berth.Index.Data;
using Berth.Index.Permissions;
using Microsoft.EntityFrameworkCore;

namespace Berth.Index.Repositories;

/// <summary>
/// What a viewer may read, as sets small enough to put in a query: the public repositories, whole namespaces (their
/// own, organisations they belong to, namespace-wide grants) and single repositories granted to them or their teams.
/// The same rules as <see cref="PermissionService"/> grants pull by; every listing query goes through <see cref="Apply"/>.
/// </summary>
internal sealed record ReadableScope(bool All, IReadOnlyList<string> Namespaces, IReadOnlyList<string> Repositories)
{
    private static readonly ReadableScope s_publicOnly = new(false, [], []);

    public static async Task<ReadableScope> ForAsync(IndexDbContext db, IndexPrincipal? viewer, CancellationToken cancellationToken)
    {
        if (viewer is null || (viewer.ActionLimit is { } limit && !limit.Contains(PermissionService.Pull)))
        {
            return s_publicOnly;
        }

        if (viewer.IsAdmin)
        {
            return new ReadableScope(true, [], []);
        }

        var id = viewer.UserId;
        var teams = db.TeamMembers.Where(m => m.UserId == id).Select(m => m.TeamId);
        var grants = db.Grants.Where(g => g.UserId == id || (g.TeamId != null && teams.Contains(g.TeamId.Value)));
        var owned = await db.Namespaces.Where(n => n.Kind == NamespaceKind.User && n.OwnerId == id).Select(n => n.Name).ToListAsync(cancellationToken);
        var memberOf = await db.NamespaceMembers.Where(m => m.UserId == id)
            .Join(db.Namespaces, m => m.NamespaceId, n => n.Id, (_, n) => n.Name).ToListAsync(cancellationToken);
        var wide = await grants.Where(g => g.Repository == "*")
            .Join(db.Namespaces, g => g.NamespaceId, n => n.Id, (_, n) => n.Name).ToListAsync(cancellationToken);
        var single = await grants.Where(g => g.Repository != "*").Select(g => g.Repository).Distinct().ToListAsync(cancellationToken);
        return new ReadableScope(false, [.. owned.Concat(memberOf).Concat(wide).Distinct(StringComparer.Ordinal)], single);
    }

    public IQueryable<RepositoryRecord> Apply(IQueryable<RepositoryRecord> repositories)
    {
        if (All)
        {
            return repositories;
        }

        var namespaces = Namespaces;
        var names = Repositories;
        return namespaces.Count == 0 && names.Count == 0
            ? repositories.Where(r => r.Visibility == RepositoryVisibility.Public)
            : repositories.Where(r => r.Visibility == RepositoryVisibility.Public || namespaces.Contains(r.Namespace) || names.Contains(r.Name));
    }

    public bool CanRead(RepositoryRecord repository) =>
        All || repository.Visibility == RepositoryVisibility.Public || Namespaces.Contains(repository.Namespace) || Repositories.Contains(repository.Name);
}
