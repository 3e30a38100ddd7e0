using System.Security.Cryptography;
using Berth.Index.Audit;
using Berth.Index.Data;
using Microsoft.EntityFrameworkCore;

namespace Berth.Index.Accounts;

/// <summary>Creates, lists, changes and deletes user accounts; a person gets a namespace of the same name.</summary>
public sealed class AccountService
{
    private readonly IndexDbContextFactory _db;
    private readonly PasswordHasher _hasher;
    private readonly AuditLog _audit;
    private readonly TimeProvider _time;

    public AccountService(IndexDbContextFactory db, PasswordHasher hasher, AuditLog audit, TimeProvider time)
    {
        _db = db;
        _hasher = hasher;
        _audit = audit;
        _time = time;
    }

    public static string NewSecurityStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    public async Task<User> CreateUserAsync(string name, string password, bool isAdmin, string actor, CancellationToken cancellationToken)
    {
        AccountNames.Require(name, "user");
        var hash = _hasher.Hash(password);
        await using var db = _db.Create();
        if (await db.Users.AnyAsync(u => u.Name == name, cancellationToken) || await db.Namespaces.AnyAsync(n => n.Name == name, cancellationToken))
        {
            throw new IndexException($"The name '{name}' is taken.");
        }

        var now = _time.GetUtcNow().UtcDateTime;
        var user = new User { Name = name, PasswordHash = hash, IsAdmin = isAdmin, SecurityStamp = NewSecurityStamp(), CreatedAt = now };
        db.Users.Add(user);
        await db.SaveChangesAsync(cancellationToken);
        db.Namespaces.Add(new Namespace { Name = name, Kind = NamespaceKind.User, OwnerId = user.Id, CreatedAt = now });
        await db.SaveChangesAsync(cancellationToken);
        await _audit.WriteAsync(AuditKinds.UserCreate, actor, name, true, null, isAdmin ? "admin" : null, cancellationToken);
        return user;
    }

    public async Task<IReadOnlyList<User>> ListUsersAsync(CancellationToken cancellationToken)
    {
        await using var db = _db.Create();
        return await db.Users.AsNoTracking().OrderBy(u => u.Name).ToListAsync(cancellationToken);
    }

    public async Task<bool> AnyUserAsync(CancellationToken cancellationToken)
    {
        await using var db = _db.Create();
        return await db.Users.AnyAsync(cancellationToken);
    }

    /// <summary>Sets a new password and a new security stamp, which invalidates the user's refresh tokens.</summary>
    public async Task SetPasswordAsync(string name, string password, string actor, CancellationToken cancellationToken)
    {
        var hash = _hasher.Hash(password);
        await using var db = _db.Create();
        var user = await db.Users.SingleOrDefaultAsync(u => u.Name == name && !u.IsRobot, cancellationToken)
            ?? throw new IndexException($"No user '{name}'.");
        if (user.ExternalSource is { } source)
        {
            throw new IndexException($"'{name}' signs in through {source}: change the password there.");
        }

        user.PasswordHash = hash;
        user.SecurityStamp = NewSecurityStamp();
        await db.SaveChangesAsync(cancellationToken);
        await _audit.WriteAsync(AuditKinds.UserPassword, actor, name, true, null, null, cancellationToken);
    }

    public async Task DeleteUserAsync(string name, string actor, CancellationToken cancellationToken)
    {
        await using var db = _db.Create();
        var user = await db.Users.SingleOrDefaultAsync(u => u.Name == name, cancellationToken)
            ?? throw new IndexException($"No user '{name}'.");
        db.Users.Remove(user);
        await db.SaveChangesAsync(cancellationToken);
        await _audit.WriteAsync(AuditKinds.UserDelete, actor, name, true, null, null, cancellationToken);
    }
}
