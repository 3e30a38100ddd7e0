using Berth.Index.Audit;
using Berth.Index.Data;
using Berth.Index.External;
using Berth.Index.External.Ldap;
using Microsoft.EntityFrameworkCore;

namespace Berth.Index.Accounts;

/// <summary>
/// Checks a name and a password or personal access token, with rate limiting and audit events. A password is checked
/// here for local accounts and by the LDAP directory (when configured) for everyone else; tokens never ask the directory.
/// </summary>
public sealed class Authenticator
{
    private readonly IndexDbContextFactory _db;
    private readonly PasswordHasher _hasher;
    private readonly AccessTokenService _tokens;
    private readonly ILoginRateLimiter _limiter;
    private readonly AuditLog _audit;
    private readonly LdapSignIn _ldap;

    public Authenticator(IndexDbContextFactory db, PasswordHasher hasher, AccessTokenService tokens, ILoginRateLimiter limiter, AuditLog audit, LdapSignIn ldap)
    {
        _ldap = ldap;
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

        var result = AccessTokenService.LooksLikeToken(secret)
            ? new LoginResult(await _tokens.AuthenticateAsync(userName, secret, cancellationToken), null)
            : await CheckPasswordAsync(userName, secret, cancellationToken);
        if (result.DirectoryUnavailable)
        {
            await _audit.WriteAsync(AuditKinds.Login, userName, null, false, clientAddress, "directory unavailable", cancellationToken);
            return result;
        }

        if (result.Principal is not { } principal)
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
        return user is null || user.IsDisabled || (securityStamp is not null && !string.Equals(user.SecurityStamp, securityStamp, StringComparison.Ordinal))
            ? null
            : new IndexPrincipal(user.Id, user.Name, user.IsAdmin, user.IsRobot, actionLimit);
    }

    /// <summary>The principal behind a refresh token; an LDAP account is checked with the directory first.</summary>
    public async Task<IndexPrincipal?> RefreshAsync(string userName, string securityStamp, CancellationToken cancellationToken)
    {
        if (await FindAsync(userName, securityStamp, null, cancellationToken) is not { } principal)
        {
            return null;
        }

        await using var db = _db.Create();
        var source = await db.Users.Where(u => u.Id == principal.UserId).Select(u => u.ExternalSource).SingleOrDefaultAsync(cancellationToken);
        return source != ExternalSources.Ldap || (_ldap.Enabled && await _ldap.IsStillEnabledAsync(userName, cancellationToken)) ? principal : null;
    }

    /// <summary>The security stamp that refresh tokens carry.</summary>
    public async Task<string?> SecurityStampAsync(long userId, CancellationToken cancellationToken)
    {
        await using var db = _db.Create();
        return await db.Users.Where(u => u.Id == userId).Select(u => u.SecurityStamp).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>A local account's password is checked here; any other name goes to the directory when there is one.</summary>
    private async Task<LoginResult> CheckPasswordAsync(string userName, string password, CancellationToken cancellationToken)
    {
        await using var db = _db.Create();
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Name == userName && !u.IsRobot, cancellationToken);
        if (user is { ExternalSource: null } || user is { ExternalSource: not ExternalSources.Ldap } || !_ldap.Enabled)
        {
            return _hasher.Verify(password, user?.PasswordHash) && user is { IsDisabled: false }
                ? new LoginResult(new IndexPrincipal(user.Id, user.Name, user.IsAdmin, false, null), null)
                : LoginResult.Failed;
        }

        return await _ldap.SignInAsync(userName, password, cancellationToken);
    }
}
