using Berth.Index.Accounts;
using Berth.Index.Audit;
using Berth.Index.Data;
using Berth.Registry.Names;
using Microsoft.EntityFrameworkCore;

namespace Berth.Index.Organizations;

/// <summary>Organisations (namespaces with members and teams), grants, robots and repository visibility.</summary>
public sealed class OrganizationService
{
    private readonly IndexDbContextFactory _db;
    private readonly AccessTokenService _tokens;
    private readonly AuditLog _audit;
    private readonly TimeProvider _time;

    public OrganizationService(IndexDbContextFactory db, AccessTokenService tokens, AuditLog audit, TimeProvider time)
    {
        _db = db;
        _tokens = tokens;
        _audit = audit;
        _time = time;
    }

    public async Task CreateAsync(string name, string? owner, string actor, CancellationToken cancellationToken)
    {
        AccountNames.Require(name, "organisation");
        await using var db = _db.Create();
        if (await db.Namespaces.AnyAsync(n => n.Name == name, cancellationToken) || await db.Users.AnyAsync(u => u.Name == name, cancellationToken))
        {
            throw new IndexException($"The name '{name}' is taken.");
        }

        var ns = new Namespace { Name = name, Kind = NamespaceKind.Organization, CreatedAt = _time.GetUtcNow().UtcDateTime };
        db.Namespaces.Add(ns);
        await db.SaveChangesAsync(cancellationToken);
        if (owner is not null)
        {
            var user = await FindUserAsync(db, owner, cancellationToken);
            db.NamespaceMembers.Add(new NamespaceMember { NamespaceId = ns.Id, UserId = user.Id, Role = MemberRole.Owner });
            await db.SaveChangesAsync(cancellationToken);
        }

        await _audit.WriteAsync(AuditKinds.OrganizationCreate, actor, name, true, null, owner is null ? null : "owner " + owner, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = _db.Create();
        return await db.Namespaces.Where(n => n.Kind == NamespaceKind.Organization).OrderBy(n => n.Name).Select(n => n.Name).ToListAsync(cancellationToken);
    }

    public async Task DeleteAsync(string name, string actor, CancellationToken cancellationToken)
    {
        await using var db = _db.Create();
        var ns = await FindOrganizationAsync(db, name, cancellationToken);
        var robotPrefix = name + "+";
        db.Users.RemoveRange(db.Users.Where(u => u.IsRobot && u.Name.StartsWith(robotPrefix)));
        db.Namespaces.Remove(ns);
        await db.SaveChangesAsync(cancellationToken);
        await _audit.WriteAsync(AuditKinds.OrganizationDelete, actor, name, true, null, null, cancellationToken);
    }

    /// <summary>Adds a member or changes their role.</summary>
    public async Task SetMemberAsync(string organization, string userName, MemberRole role, string actor, CancellationToken cancellationToken)
    {
        await using var db = _db.Create();
        var ns = await FindOrganizationAsync(db, organization, cancellationToken);
        var user = await FindUserAsync(db, userName, cancellationToken);
        var member = await db.NamespaceMembers.SingleOrDefaultAsync(m => m.NamespaceId == ns.Id && m.UserId == user.Id, cancellationToken);
        if (member is null)
        {
            db.NamespaceMembers.Add(new NamespaceMember { NamespaceId = ns.Id, UserId = user.Id, Role = role });
        }
        else
        {
            member.Role = role;
        }

        await db.SaveChangesAsync(cancellationToken);
        await _audit.WriteAsync(AuditKinds.MemberChange, actor, $"{organization}/{userName}", true, null, role.ToString(), cancellationToken);
    }

    /// <summary>Removes a member from the organisation and from all its teams.</summary>
    public async Task RemoveMemberAsync(string organization, string userName, string actor, CancellationToken cancellationToken)
    {
        await using var db = _db.Create();
        var ns = await FindOrganizationAsync(db, organization, cancellationToken);
        var user = await FindUserAsync(db, userName, cancellationToken);
        db.NamespaceMembers.RemoveRange(db.NamespaceMembers.Where(m => m.NamespaceId == ns.Id && m.UserId == user.Id));
        var teams = db.Teams.Where(t => t.NamespaceId == ns.Id).Select(t => t.Id);
        db.TeamMembers.RemoveRange(db.TeamMembers.Where(m => m.UserId == user.Id && teams.Contains(m.TeamId)));
        await db.SaveChangesAsync(cancellationToken);
        await _audit.WriteAsync(AuditKinds.MemberChange, actor, $"{organization}/{userName}", true, null, "removed", cancellationToken);
    }

    public async Task CreateTeamAsync(string organization, string team, string actor, CancellationToken cancellationToken)
    {
        AccountNames.Require(team, "team");
        await using var db = _db.Create();
        var ns = await FindOrganizationAsync(db, organization, cancellationToken);
        if (await db.Teams.AnyAsync(t => t.NamespaceId == ns.Id && t.Name == team, cancellationToken))
        {
            throw new IndexException($"'{organization}' already has a team '{team}'.");
        }

        db.Teams.Add(new Team { NamespaceId = ns.Id, Name = team });
        await db.SaveChangesAsync(cancellationToken);
        await _audit.WriteAsync(AuditKinds.TeamChange, actor, $"{organization}/{team}", true, null, "created", cancellationToken);
    }

    /// <summary>Adds a user to a team; team members are members of the organisation.</summary>
    public async Task AddTeamMemberAsync(string organization, string team, string userName, string actor, CancellationToken cancellationToken)
    {
        await using var db = _db.Create();
        var ns = await FindOrganizationAsync(db, organization, cancellationToken);
        var teamRow = await db.Teams.SingleOrDefaultAsync(t => t.NamespaceId == ns.Id && t.Name == team, cancellationToken)
            ?? throw new IndexException($"'{organization}' has no team '{team}'.");
        var user = await FindUserAsync(db, userName, cancellationToken);
        if (!await db.NamespaceMembers.AnyAsync(m => m.NamespaceId == ns.Id && m.UserId == user.Id, cancellationToken))
        {
            db.NamespaceMembers.Add(new NamespaceMember { NamespaceId = ns.Id, UserId = user.Id, Role = MemberRole.Member });
        }

        if (!await db.TeamMembers.AnyAsync(m => m.TeamId == teamRow.Id && m.UserId == user.Id, cancellationToken))
        {
            db.TeamMembers.Add(new TeamMember { TeamId = teamRow.Id, UserId = user.Id });
        }

        await db.SaveChangesAsync(cancellationToken);
        await _audit.WriteAsync(AuditKinds.TeamChange, actor, $"{organization}/{team}", true, null, "added " + userName, cancellationToken);
    }

    /// <summary>Gives a team a permission on one repository of the organisation, or on all ("*").</summary>
    public async Task GrantTeamAsync(string organization, string team, string repository, RepositoryPermission permission, string actor, CancellationToken cancellationToken)
    {
        await using var db = _db.Create();
        var ns = await FindOrganizationAsync(db, organization, cancellationToken);
        var teamRow = await db.Teams.SingleOrDefaultAsync(t => t.NamespaceId == ns.Id && t.Name == team, cancellationToken)
            ?? throw new IndexException($"'{organization}' has no team '{team}'.");
        var target = RequireRepositoryIn(ns.Name, repository);
        db.Grants.RemoveRange(db.Grants.Where(g => g.TeamId == teamRow.Id && g.Repository == target));
        db.Grants.Add(new Grant { NamespaceId = ns.Id, TeamId = teamRow.Id, Repository = target, Permission = permission });
        await db.SaveChangesAsync(cancellationToken);
        await _audit.WriteAsync(AuditKinds.GrantChange, actor, $"{organization}/{team}", true, null, $"{permission} on {target}", cancellationToken);
    }

    /// <summary>Creates a robot account of a namespace with a permission there, and returns its secret (shown once).</summary>
    public async Task<(string Name, string Secret)> CreateRobotAsync(string @namespace, string robot, string repository, RepositoryPermission permission, string actor, CancellationToken cancellationToken)
    {
        var name = AccountNames.Robot(@namespace, robot);
        await using (var db = _db.Create())
        {
            var ns = await db.Namespaces.SingleOrDefaultAsync(n => n.Name == @namespace, cancellationToken) ?? throw new IndexException($"No namespace '{@namespace}'.");
            if (await db.Users.AnyAsync(u => u.Name == name, cancellationToken))
            {
                throw new IndexException($"The robot '{name}' exists.");
            }

            var user = new User { Name = name, IsRobot = true, SecurityStamp = AccountService.NewSecurityStamp(), CreatedAt = _time.GetUtcNow().UtcDateTime };
            db.Users.Add(user);
            await db.SaveChangesAsync(cancellationToken);
            db.Grants.Add(new Grant { NamespaceId = ns.Id, UserId = user.Id, Repository = RequireRepositoryIn(ns.Name, repository), Permission = permission });
            await db.SaveChangesAsync(cancellationToken);
        }

        var actions = Permissions.PermissionService.ActionsOf(permission);
        var secret = await _tokens.CreateAsync(name, "robot", actions, null, actor, cancellationToken);
        await _audit.WriteAsync(AuditKinds.RobotCreate, actor, name, true, null, $"{permission} on {repository}", cancellationToken);
        return (name, secret);
    }

    public async Task SetVisibilityAsync(string repository, RepositoryVisibility visibility, string actor, CancellationToken cancellationToken)
    {
        if (!RepositoryName.TryParse(repository, out var name))
        {
            throw new IndexException($"Invalid repository name '{repository}'.");
        }

        await using var db = _db.Create();
        var now = _time.GetUtcNow().UtcDateTime;
        var row = await RepositoryRows.FindOrCreateAsync(db, name, now, cancellationToken);
        row.Visibility = visibility;
        row.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await _audit.WriteAsync(AuditKinds.VisibilityChange, actor, name.Value, true, null, visibility.ToString(), cancellationToken);
    }

    private static string RequireRepositoryIn(string @namespace, string repository)
    {
        if (repository == "*")
        {
            return repository;
        }

        return RepositoryName.TryParse(repository, out var name) && name.Namespace == @namespace
            ? name.Value
            : throw new IndexException($"'{repository}' is not a repository of '{@namespace}' (or '*').");
    }

    private static async Task<Namespace> FindOrganizationAsync(IndexDbContext db, string name, CancellationToken cancellationToken) =>
        await db.Namespaces.SingleOrDefaultAsync(n => n.Name == name && n.Kind == NamespaceKind.Organization, cancellationToken)
        ?? throw new IndexException($"No organisation '{name}'.");

    private static async Task<User> FindUserAsync(IndexDbContext db, string name, CancellationToken cancellationToken) =>
        await db.Users.SingleOrDefaultAsync(u => u.Name == name, cancellationToken) ?? throw new IndexException($"No user '{name}'.");
}
