using Berth.Index.Audit;
using Berth.Index.Data;
using Microsoft.EntityFrameworkCore;

namespace Berth.Index.Accounts;

/// <summary>Checks a name and a password or personal access token, with rate limiting and audit events.</summary>
public sealed class Authenticator
{
    private readonly IndexDbContextFactory _db;
    private readonly PasswordHasher _hasher;
    private readonly AccessTokenService _tokens;
    private readonly ILoginRateLimiter _limiter;
    private readonly AuditLog _audit;

    public Authenticator(IndexDbContextFactory db, PasswordHasher hasher, AccessTokenService tokens, ILoginRateLimiter limiter, AuditLog audit)
    {
        _db = db;
        _hasher = hasher;
        _tokens = tokens;
        _limiter = limiter;
        _audit = audit;
    }

    public async Task<LoginResult> LoginAsync(string userName, string secret, string? clientAddress, CancellationToken cancellationToken)
    {
        userName = userName.Length > 256 ? userName[..256] : userName;
        if (await _limiter.RetryAfterAsync(userName, clientAddress, cancellationToken) is { } retryAfter)
        {
            await _audit.WriteAsync(AuditKinds.Login, userName, null, false, clientAddress, "rate limited", cancellationToken);
            return new LoginResult(null, retryAfter);
        }

        var principal = AccessTokenService.LooksLikeToken(secret)
            ? await _tokens.AuthenticateAsync(userName, secret, cancellationToken)
            : await CheckPasswordAsync(userName, secret, cancellationToken);
        if (principal is null)
        {
            await _limiter.RecordFailureAsync(userName, clientAddress, cancellationToken);
            await _audit.WriteAsync(AuditKinds.Login, userName, null, false, clientAddress, null, cancellationToken);
            return LoginResult.Failed;
        }

        await _limiter.RecordSuccessAsync(userName, clientAddress, cancellationToken);
        await _audit.WriteAsync(AuditKinds.Login, userName, null, true, clientAddress, principal.ActionLimit is null ? "password" : "access token", cancellationToken);
        return new LoginResult(principal, null);
    }

    /// <summary>The principal of a known, still-existing user (for tokens the index issued earlier).</summary>
    public async Task<IndexPrincipal?> FindAsync(string userName, string? securityStamp, IReadOnlySet<string>? actionLimit, CancellationToken cancellationToken)
    {
        await using var db = _db.Create();
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Name == userName, cancellationToken);
        return user is null || (securityStamp is not null && !string.Equals(user.SecurityStamp, securityStamp, StringComparison.Ordinal))
            ? null
            : new IndexPrincipal(user.Id, user.Name, user.IsAdmin, user.IsRobot, actionLimit);
    }

    /// <summary>The security stamp that refresh tokens carry.</summary>
    public async Task<string?> SecurityStampAsync(long userId, CancellationToken cancellationToken)
    {
        await using var db = _db.Create();
        return await db.Users.Where(u => u.Id == userId).Select(u => u.SecurityStamp).SingleOrDefaultAsync(cancellationToken);
    }

    private async Task<IndexPrincipal?> CheckPasswordAsync(string userName, string password, CancellationToken cancellationToken)
    {
        await using var db = _db.Create();
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Name == userName && !u.IsRobot, cancellationToken);
        return _hasher.Verify(password, user?.PasswordHash) && user is not null
            ? new IndexPrincipal(user.Id, user.Name, user.IsAdmin, false, null)
            : null;
    }
}
