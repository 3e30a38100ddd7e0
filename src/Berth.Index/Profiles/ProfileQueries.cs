using Berth.Index.Accounts;
using Berth.Index.Data;
using Microsoft.EntityFrameworkCore;

namespace Berth.Index.Profiles;

/// <summary>User and organisation pages; names are public (as on Docker Hub), membership is not.</summary>
public sealed class ProfileQueries(IndexDbContextFactory db)
{
    /// <summary>The profile of a user or organisation namespace, or null when there is none.</summary>
    public async Task<Profile?> GetAsync(string name, IndexPrincipal? viewer, CancellationToken cancellationToken)
    {
        await using var context = db.Create();
        var ns = await context.Namespaces.AsNoTracking().SingleOrDefaultAsync(n => n.Name == name, cancellationToken);
        if (ns is null)
        {
            return null;
        }

        if (ns.Kind == NamespaceKind.User)
        {
            var self = viewer is not null && (viewer.IsAdmin || viewer.UserId == ns.OwnerId);
            var organizations = self
                ? await context.NamespaceMembers.Where(m => m.UserId == ns.OwnerId)
                    .Join(context.Namespaces, m => m.NamespaceId, n => n.Id, (_, n) => n.Name).OrderBy(n => n).ToListAsync(cancellationToken)
                : [];
            var starred = await context.Stars.CountAsync(s => s.UserId == ns.OwnerId, cancellationToken);
            return new Profile(ns.Name, ns.Kind, ns.CreatedAt, [], [], organizations, starred);
        }

        var member = viewer is not null && (viewer.IsAdmin
            || await context.NamespaceMembers.AnyAsync(m => m.NamespaceId == ns.Id && m.UserId == viewer.UserId, cancellationToken));
        if (!member)
        {
            return new Profile(ns.Name, ns.Kind, ns.CreatedAt, [], [], [], 0);
        }

        var members = await context.NamespaceMembers.Where(m => m.NamespaceId == ns.Id)
            .Join(context.Users, m => m.UserId, u => u.Id, (m, u) => new ProfileMember(u.Name, m.Role))
            .OrderBy(m => m.Name).ToListAsync(cancellationToken);
        var teams = await context.Teams.Where(t => t.NamespaceId == ns.Id).OrderBy(t => t.Name).Select(t => t.Name).ToListAsync(cancellationToken);
        return new Profile(ns.Name, ns.Kind, ns.CreatedAt, members, teams, [], 0);
    }
}
