using Berth.Index.Accounts;
using Berth.Index.Audit;
using Berth.Index.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Berth.Index.External;

/// <summary>
/// Keeps the account of an external identity (LDAP, OpenID Connect) in step with what the source says at each sign-in:
/// creates it on first sign-in (with its namespace), sets the administrator flag and the mapped team memberships from
/// its groups, and disables it when the source says it is disabled or gone.
/// </summary>
public sealed class ExternalAccountProvisioner(IndexDbContextFactory dbFactory, AuditLog audit, TimeProvider time, ILogger<ExternalAccountProvisioner> logger)
{
    /// <summary>The signed-in account, or null when the name is not a valid account name or belongs to another account.</summary>
    internal async Task<IndexPrincipal?> SignInAsync(ExternalIdentity identity, ExternalGroupOptions groups, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(groups);
        if (!AccountNames.IsValid(identity.UserName))
        {
            Log.InvalidExternalName(logger, identity.UserName, identity.Source, identity.UserName);
            return null;
        }

        await using var db = dbFactory.Create();
        var user = await db.Users.SingleOrDefaultAsync(u => u.Name == identity.UserName, cancellationToken);
        var changes = new List<string>();
        if (user is null)
        {
            if (await db.Namespaces.AnyAsync(n => n.Name == identity.UserName, cancellationToken))
            {
                Log.NameTaken(logger, identity.UserName, identity.Source);
                return null;
            }

            user = new User
            {
                Name = identity.UserName,
                ExternalSource = identity.Source,
                SecurityStamp = AccountService.NewSecurityStamp(),
                CreatedAt = time.GetUtcNow().UtcDateTime,
            };
            db.Users.Add(user);
            await db.SaveChangesAsync(cancellationToken);
            db.Namespaces.Add(new Namespace { Name = user.Name, Kind = NamespaceKind.User, OwnerId = user.Id, CreatedAt = user.CreatedAt });
            changes.Add("created");
        }
        else if (!string.Equals(user.ExternalSource, identity.Source, StringComparison.Ordinal))
        {
            Log.NameTaken(logger, identity.UserName, identity.Source);
            return null;
        }

        if (user.IsDisabled)
        {
            user.IsDisabled = false;
            changes.Add("enabled");
        }

        user.Email = identity.Email;
        if (groups.AdminGroup is { Length: > 0 } adminGroup && ExternalGroupOptions.HasGroup(identity.Groups, adminGroup) != user.IsAdmin)
        {
            user.IsAdmin = !user.IsAdmin;
            changes.Add(user.IsAdmin ? "admin" : "not admin");
        }

        await SyncTeamsAsync(db, user, identity, groups, changes, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (changes.Count > 0)
        {
            await audit.WriteAsync(AuditKinds.ExternalSync, identity.Source, user.Name, true, null, string.Join("; ", changes), cancellationToken);
        }

        return new IndexPrincipal(user.Id, user.Name, user.IsAdmin, false, null);
    }

    /// <summary>
    /// Disables an external account the source disabled or no longer has, with a new security stamp so its sessions and
    /// refresh tokens end; its personal access tokens stop working while it is disabled.
    /// </summary>
    public async Task DisableAsync(string source, string userName, CancellationToken cancellationToken)
    {
        await using var db = dbFactory.Create();
        var user = await db.Users.SingleOrDefaultAsync(u => u.Name == userName && u.ExternalSource == source, cancellationToken);
        if (user is null || user.IsDisabled)
        {
            return;
        }

        user.IsDisabled = true;
        user.SecurityStamp = AccountService.NewSecurityStamp();
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(AuditKinds.ExternalSync, source, userName, true, null, "disabled", cancellationToken);
    }

    /// <summary>Joins the mapped teams whose group the identity has and leaves those whose group it lacks; other teams are left alone.</summary>
    private async Task SyncTeamsAsync(IndexDbContext db, User user, ExternalIdentity identity, ExternalGroupOptions groups, List<string> changes, CancellationToken cancellationToken)
    {
        foreach (var mapping in groups.Teams)
        {
            var organization = await db.Namespaces.SingleOrDefaultAsync(n => n.Name == mapping.Organization && n.Kind == NamespaceKind.Organization, cancellationToken);
            if (organization is null)
            {
                Log.MappedOrganizationMissing(logger, mapping.Group, mapping.Organization, mapping.Team);
                continue;
            }

            var team = await db.Teams.SingleOrDefaultAsync(t => t.NamespaceId == organization.Id && t.Name == mapping.Team, cancellationToken);
            var wanted = ExternalGroupOptions.HasGroup(identity.Groups, mapping.Group);
            if (team is null)
            {
                if (!wanted)
                {
                    continue;
                }

                team = new Team { NamespaceId = organization.Id, Name = AccountNames.Require(mapping.Team, "team") };
                db.Teams.Add(team);
                await db.SaveChangesAsync(cancellationToken);
            }

            var membership = await db.TeamMembers.SingleOrDefaultAsync(m => m.TeamId == team.Id && m.UserId == user.Id, cancellationToken);
            if (wanted && membership is null)
            {
                db.TeamMembers.Add(new TeamMember { TeamId = team.Id, UserId = user.Id });
                if (!await db.NamespaceMembers.AnyAsync(m => m.NamespaceId == organization.Id && m.UserId == user.Id, cancellationToken)
                    && !db.NamespaceMembers.Local.Any(m => m.NamespaceId == organization.Id && m.UserId == user.Id))
                {
                    db.NamespaceMembers.Add(new NamespaceMember { NamespaceId = organization.Id, UserId = user.Id, Role = MemberRole.Member });
                }

                changes.Add($"joined {mapping.Organization}/{mapping.Team}");
            }
            else if (!wanted && membership is not null)
            {
                db.TeamMembers.Remove(membership);
                changes.Add($"left {mapping.Organization}/{mapping.Team}");
            }
        }
    }
}
