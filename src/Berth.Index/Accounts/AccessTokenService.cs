using System.Security.Cryptography;
using System.Text;
using Berth.Index.Audit;
using Berth.Index.Data;
using Microsoft.EntityFrameworkCore;

namespace Berth.Index.Accounts;

/// <summary>
/// Personal access tokens: "berth_pat_" + a 16-hex lookup id + "_" + a random secret. Shown once at creation; only the
/// secret's SHA-256 is stored (the secret has 256 bits of entropy, so a slow hash adds nothing).
/// </summary>
public sealed class AccessTokenService
{
    public const string Prefix = "berth_pat_";
    private const int LookupLength = 16;
    private static readonly string[] s_actions = ["pull", "push", "delete"];
    private readonly IndexDbContextFactory _db;
    private readonly AuditLog _audit;
    private readonly TimeProvider _time;

    public AccessTokenService(IndexDbContextFactory db, AuditLog audit, TimeProvider time)
    {
        _db = db;
        _audit = audit;
        _time = time;
    }

    public static bool LooksLikeToken(string secret) => secret.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>Creates a token and returns its secret, which is never shown again.</summary>
    public async Task<string> CreateAsync(string userName, string name, IReadOnlyCollection<string> actions, DateTimeOffset? expiresAt, string actor, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 128)
        {
            throw new IndexException("A token needs a name of at most 128 characters.");
        }

        if (actions.Count == 0 || actions.Any(a => !s_actions.Contains(a, StringComparer.Ordinal)))
        {
            throw new IndexException("A token's actions are one or more of pull, push, delete.");
        }

        await using var db = _db.Create();
        var user = await db.Users.SingleOrDefaultAsync(u => u.Name == userName, cancellationToken) ?? throw new IndexException($"No user '{userName}'.");
        if (await db.PersonalAccessTokens.AnyAsync(t => t.UserId == user.Id && t.Name == name, cancellationToken))
        {
            throw new IndexException($"'{userName}' already has a token named '{name}'.");
        }

        var lookup = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(LookupLength / 2));
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '-');
        db.PersonalAccessTokens.Add(new PersonalAccessToken
        {
            LookupId = lookup,
            SecretHash = HashSecret(secret),
            UserId = user.Id,
            Name = name,
            Actions = string.Join(',', s_actions.Where(actions.Contains)),
            CreatedAt = _time.GetUtcNow().UtcDateTime,
            ExpiresAt = expiresAt?.UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
        await _audit.WriteAsync(AuditKinds.AccessTokenCreate, actor, $"{userName}/{name}", true, null, string.Join(',', actions), cancellationToken);
        return $"{Prefix}{lookup}_{secret}";
    }

    public async Task<IReadOnlyList<PersonalAccessToken>> ListAsync(string userName, CancellationToken cancellationToken)
    {
        await using var db = _db.Create();
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Name == userName, cancellationToken) ?? throw new IndexException($"No user '{userName}'.");
        return await db.PersonalAccessTokens.AsNoTracking().Where(t => t.UserId == user.Id).OrderBy(t => t.Name).ToListAsync(cancellationToken);
    }

    public async Task RevokeAsync(string userName, string name, string actor, CancellationToken cancellationToken)
    {
        await using var db = _db.Create();
        var user = await db.Users.SingleOrDefaultAsync(u => u.Name == userName, cancellationToken) ?? throw new IndexException($"No user '{userName}'.");
        var token = await db.PersonalAccessTokens.SingleOrDefaultAsync(t => t.UserId == user.Id && t.Name == name, cancellationToken)
            ?? throw new IndexException($"'{userName}' has no token named '{name}'.");
        token.RevokedAt ??= _time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await _audit.WriteAsync(AuditKinds.AccessTokenRevoke, actor, $"{userName}/{name}", true, null, null, cancellationToken);
    }

    /// <summary>
    /// The principal a token secret stands for, or null when it is unknown, revoked, expired or not the user's.
    /// userName is null for a bearer token, which names no user: the token alone identifies its owner.
    /// </summary>
    public async Task<IndexPrincipal?> AuthenticateAsync(string? userName, string token, CancellationToken cancellationToken)
    {
        if (!LooksLikeToken(token) || token.Length < Prefix.Length + LookupLength + 2 || token.Length > 256 || token[Prefix.Length + LookupLength] != '_')
        {
            return null;
        }

        var lookup = token.Substring(Prefix.Length, LookupLength);
        var secret = token[(Prefix.Length + LookupLength + 1)..];
        await using var db = _db.Create();
        var row = await db.PersonalAccessTokens.SingleOrDefaultAsync(t => t.LookupId == lookup, cancellationToken);
        if (row is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(row.SecretHash), Encoding.ASCII.GetBytes(HashSecret(secret))))
        {
            return null;
        }

        var now = _time.GetUtcNow().UtcDateTime;
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == row.UserId, cancellationToken);
        if (user is null || user.IsDisabled || row.RevokedAt is not null || (row.ExpiresAt is { } expires && DateTime.SpecifyKind(expires, DateTimeKind.Utc) <= now)
            || (userName is not null && !string.Equals(user.Name, userName, StringComparison.Ordinal)))
        {
            return null;
        }

        row.LastUsedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return new IndexPrincipal(user.Id, user.Name, user.IsAdmin, user.IsRobot, row.Actions.Split(',').ToHashSet(StringComparer.Ordinal));
    }

    private static string HashSecret(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
