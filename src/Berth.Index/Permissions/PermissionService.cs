using Berth.Index.Accounts;
using Berth.Index.Data;
using Berth.Registry.Names;
using Berth.Tokens;
using Microsoft.EntityFrameworkCore;

namespace Berth.Index.Permissions;

/// <summary>
/// Decides which of the requested actions an account may perform: the intersection of what was asked and what its
/// namespace, organisation memberships, team and direct grants, repository visibility and token limit allow.
/// </summary>
public sealed class PermissionService
{
    public const string Pull = "pull";
    public const string Push = "push";
    public const string Delete = "delete";

    /// <summary>registry:catalog:search, docker's scope for /v1/search: listing what the account may pull.</summary>
    public const string Search = "search";
    private static readonly string[] s_all = [Pull, Push, Delete];
    private readonly IndexDbContextFactory _db;

    public PermissionService(IndexDbContextFactory db) => _db = db;

    public static IReadOnlyList<string> ActionsOf(RepositoryPermission permission) => permission switch
    {
        RepositoryPermission.Read => [Pull],
        RepositoryPermission.Write => [Pull, Push],
        _ => s_all,
    };

    internal async Task<AccessDecision> DecideAsync(IndexPrincipal? principal, IReadOnlyList<TokenAccessEntry> requested, CancellationToken cancellationToken)
    {
        var granted = new List<TokenAccessEntry>();
        var refused = new List<TokenAccessEntry>();
        await using var db = _db.Create();
        foreach (var entry in requested)
        {
            var allowed = await AllowedAsync(db, principal, entry, cancellationToken);
            if (principal?.ActionLimit is { } limit)
            {
                // Search lists what the account may pull: a token that may pull may search.
                allowed.IntersectWith(limit.Contains(Pull) ? [.. limit, Search] : limit);
            }

            var asked = entry.Actions.Contains("*", StringComparer.Ordinal) && entry.Type == "repository" ? s_all : entry.Actions;
            var yes = asked.Where(allowed.Contains).Distinct(StringComparer.Ordinal).ToArray();
            var no = asked.Where(a => !allowed.Contains(a)).Distinct(StringComparer.Ordinal).ToArray();
            if (yes.Length > 0)
            {
                granted.Add(entry with { Actions = yes });
            }

            if (no.Length > 0)
            {
                refused.Add(entry with { Actions = no });
            }
        }

        return new AccessDecision(granted, refused);
    }

    private static async Task<HashSet<string>> AllowedAsync(IndexDbContext db, IndexPrincipal? principal, TokenAccessEntry entry, CancellationToken cancellationToken)
    {
        var allowed = new HashSet<string>(StringComparer.Ordinal);
        if (entry.Type == "registry")
        {
            // Any account may search (the results are what it may pull); only administrators list the whole catalog.
            if (entry.Name == "catalog" && principal is not null)
            {
                allowed.Add(Search);
                if (principal.IsAdmin)
                {
                    allowed.Add("*");
                }
            }

            return allowed;
        }

        if (entry.Type != "repository" || !RepositoryName.TryParse(entry.Name, out var name))
        {
            return allowed;
        }

        if (await db.Repositories.AnyAsync(r => r.Name == name.Value && r.Visibility == RepositoryVisibility.Public, cancellationToken))
        {
            allowed.Add(Pull);
        }

        if (principal is null)
        {
            return allowed;
        }

        if (principal.IsAdmin)
        {
            allowed.UnionWith(s_all);
            return allowed;
        }

        var ns = await db.Namespaces.AsNoTracking().SingleOrDefaultAsync(n => n.Name == name.Namespace, cancellationToken);
        if (ns is null)
        {
            return allowed;
        }

        if (ns.Kind == NamespaceKind.User)
        {
            if (ns.OwnerId == principal.UserId)
            {
                allowed.UnionWith(s_all);
            }

            return allowed;
        }

        var membership = await db.NamespaceMembers.AsNoTracking()
            .SingleOrDefaultAsync(m => m.NamespaceId == ns.Id && m.UserId == principal.UserId, cancellationToken);
        if (membership is not null)
        {
            allowed.UnionWith(membership.Role == MemberRole.Owner ? s_all : [Pull]);
        }

        var teamIds = db.TeamMembers.Where(m => m.UserId == principal.UserId).Select(m => m.TeamId);
        var grants = await db.Grants.AsNoTracking()
            .Where(g => g.NamespaceId == ns.Id && (g.Repository == "*" || g.Repository == name.Value)
                && (g.UserId == principal.UserId || (g.TeamId != null && teamIds.Contains(g.TeamId.Value))))
            .Select(g => g.Permission)
            .ToListAsync(cancellationToken);
        foreach (var permission in grants)
        {
            allowed.UnionWith(ActionsOf(permission));
        }

        return allowed;
    }
}
