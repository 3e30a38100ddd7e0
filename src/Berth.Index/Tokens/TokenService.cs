using Berth.Index.Accounts;
using Berth.Index.Audit;
using Berth.Index.Permissions;
using Berth.Index.Sites;
using Berth.Tokens;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Berth.Index.Tokens;

/// <summary>The token service's logic, apart from HTTP: who is asking, what they get, and the tokens that say so.</summary>
internal sealed class TokenService
{
    private readonly Authenticator _authenticator;
    private readonly PermissionService _permissions;
    private readonly TokenIssuer _issuer;
    private readonly TokenValidator _validator;
    private readonly AuditLog _audit;
    private readonly RegistrySites _sites;
    private readonly IOptions<AuthOptions> _auth;
    private readonly ILogger<TokenService> _logger;

    public TokenService(
        Authenticator authenticator,
        PermissionService permissions,
        TokenIssuer issuer,
        TokenValidator validator,
        AuditLog audit,
        RegistrySites sites,
        IOptions<AuthOptions> auth,
        ILogger<TokenService> logger)
    {
        _authenticator = authenticator;
        _permissions = permissions;
        _issuer = issuer;
        _validator = validator;
        _audit = audit;
        _sites = sites;
        _auth = auth;
        _logger = logger;
    }

    /// <summary>
    /// The audience of the tokens for the requested service: ours (also when none is named), or a registered registry's
    /// name, so that each registry accepts only tokens meant for it; null for any other service, which gets nothing.
    /// </summary>
    public async Task<string?> ResolveAudienceAsync(StringValues service, CancellationToken cancellationToken)
    {
        if (service.Count == 0 || (service.Count == 1 && string.Equals(service.ToString(), _auth.Value.Service, StringComparison.Ordinal)))
        {
            return _auth.Value.Service;
        }

        return service.Count == 1 && await _sites.IsRegisteredAsync(service.ToString(), cancellationToken) ? service.ToString() : null;
    }

    public Task<LoginResult> LoginAsync(string user, string password, string? address, CancellationToken cancellationToken) =>
        _authenticator.LoginAsync(user, password, address, cancellationToken);

    /// <summary>The account behind an access token this index issued earlier, keeping a personal access token's limit.</summary>
    public async Task<IndexPrincipal?> FromAccessTokenAsync(string token, string audience, CancellationToken cancellationToken)
    {
        var validated = await _validator.ValidateAsync(token, audience, cancellationToken);
        if (validated is null || validated.IsAnonymous)
        {
            Log.TokenRequestRefused(_logger, "invalid access token");
            return null;
        }

        return await PrincipalOfAsync(validated, cancellationToken);
    }

    /// <summary>
    /// The account behind an access token granting <c>registry:catalog:search</c>, which docker sends to /v1/search
    /// after <c>docker login</c>; null when the token is valid but grants no search (then the search is anonymous).
    /// </summary>
    public async Task<CatalogSearchToken> FromCatalogSearchTokenAsync(string token, CancellationToken cancellationToken)
    {
        var validated = await _validator.ValidateAsync(token, _auth.Value.Service, cancellationToken);
        if (validated is null)
        {
            return CatalogSearchToken.Invalid;
        }

        return !validated.IsAnonymous && validated.ActionsOn("registry", "catalog") is { } actions && (actions.Contains(PermissionService.Search) || actions.Contains("*"))
            ? new CatalogSearchToken(true, await PrincipalOfAsync(validated, cancellationToken))
            : new CatalogSearchToken(true, null);
    }

    /// <summary>The account a checked access token names, keeping a personal access token's limit.</summary>
    private Task<IndexPrincipal?> PrincipalOfAsync(ValidatedToken validated, CancellationToken cancellationToken)
    {
        var limit = validated.Jwt.TryGetPayloadValue<string>(TokenClaims.ActionLimit, out var value)
            ? value.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal)
            : null;
        return _authenticator.FindAsync(validated.Subject, null, limit, cancellationToken);
    }

    /// <summary>The account behind a refresh token, unless its password (and so its security stamp) changed since.</summary>
    public async Task<IndexPrincipal?> FromRefreshTokenAsync(string token, CancellationToken cancellationToken)
    {
        var validated = await _validator.ValidateAsync(token, _issuer.RefreshAudience, cancellationToken);
        if (validated is null || validated.IsAnonymous || !validated.Jwt.TryGetPayloadValue<string>(TokenClaims.SecurityStamp, out var stamp))
        {
            Log.TokenRequestRefused(_logger, "invalid refresh token");
            return null;
        }

        return await _authenticator.RefreshAsync(validated.Subject, stamp, cancellationToken);
    }

    public async Task<TokenResponse> GrantAsync(IndexPrincipal? principal, IReadOnlyList<TokenAccessEntry> scopes, bool offline, string? address, string audience, CancellationToken cancellationToken)
    {
        var decision = await _permissions.DecideAsync(principal, scopes, cancellationToken);
        var access = await _issuer.IssueAccessTokenAsync(principal, decision, audience, cancellationToken);
        IssuedToken? refresh = null;
        if (offline && principal is { ActionLimit: null } && await _authenticator.SecurityStampAsync(principal.UserId, cancellationToken) is { } stamp)
        {
            refresh = await _issuer.IssueRefreshTokenAsync(principal, stamp, cancellationToken);
        }

        if (principal is not null)
        {
            await _audit.WriteAsync(
                AuditKinds.TokenGrant,
                principal.Name,
                string.Join(' ', scopes),
                decision.Refused.Count == 0,
                address,
                "granted: " + string.Join(' ', decision.Granted) + (decision.Refused.Count > 0 ? "; refused: " + string.Join(' ', decision.Refused) : string.Empty),
                cancellationToken);
        }

        return new TokenResponse(access, refresh, decision.Granted);
    }
}
