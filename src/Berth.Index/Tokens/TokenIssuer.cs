using Berth.Index.Accounts;
using Berth.Index.Permissions;
using Berth.Registry.Notifications;
using Berth.Tokens;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Berth.Index.Tokens;

/// <summary>Signs access tokens (audience = the service) and refresh tokens (audience = the issuer's refresh audience) with ES256.</summary>
public sealed class TokenIssuer
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly SigningKeyStore _keys;
    private readonly IOptions<AuthOptions> _auth;
    private readonly IOptions<IndexOptions> _index;
    private readonly TimeProvider _time;

    public TokenIssuer(SigningKeyStore keys, IOptions<AuthOptions> auth, IOptions<IndexOptions> index, TimeProvider time)
    {
        _keys = keys;
        _auth = auth;
        _index = index;
        _time = time;
    }

    /// <summary>Refresh tokens are addressed to the index itself, so a registry never accepts one as an access token.</summary>
    public string RefreshAudience => _auth.Value.Issuer + "/refresh";

    /// <summary>An access token for the service named by <paramref name="audience"/> (ours, or a registered registry's name).</summary>
    internal async Task<IssuedToken> IssueAccessTokenAsync(IndexPrincipal? principal, AccessDecision decision, string audience, CancellationToken cancellationToken)
    {
        var claims = new Dictionary<string, object>
        {
            [TokenAccessEntry.ClaimName] = decision.Granted.Select(ToClaim).ToList(),
        };
        if (decision.Refused.Count > 0)
        {
            claims[TokenClaims.Refused] = decision.Refused.Select(ToClaim).ToList();
        }

        if (principal?.ActionLimit is { } limit)
        {
            claims[TokenClaims.ActionLimit] = string.Join(',', limit.Order(StringComparer.Ordinal));
        }

        return await SignAsync(principal?.Name ?? string.Empty, audience, _auth.Value.TokenLifetime, claims, cancellationToken);
    }

    /// <summary>
    /// The subject of the index's own tokens; ':' is not allowed in account names, so no account can be mistaken for
    /// it, and the pulls the registry reports for it (the index reading manifests) are not counted as anyone's.
    /// </summary>
    public const string IndexSubject = IndexEventsOptions.IndexActor;

    /// <summary>
    /// A token the index signs for its own calls to a registry running apart (reading manifests, deleting a tag,
    /// resynchronising), addressed to that registry only.
    /// </summary>
    internal Task<IssuedToken> IssueForRegistryAsync(string audience, IReadOnlyList<TokenAccessEntry> access, CancellationToken cancellationToken)
    {
        var claims = new Dictionary<string, object> { [TokenAccessEntry.ClaimName] = access.Select(ToClaim).ToList() };
        return SignAsync(IndexSubject, audience, _auth.Value.TokenLifetime, claims, cancellationToken);
    }

    /// <summary>Answers a registry's Bearer challenge for the index's own client: every scope asked, addressed to <paramref name="audience"/>.</summary>
    public async ValueTask<string> SignChallengeAsync(string audience, Client.Auth.BearerTokenRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var access = request.Scopes.Select(s => TokenScope.TryParse(s, out var entry) ? entry : null).OfType<TokenAccessEntry>().ToList();
        return (await IssueForRegistryAsync(audience, access, cancellationToken)).Token;
    }

    internal async Task<IssuedToken> IssueRefreshTokenAsync(IndexPrincipal principal, string securityStamp, CancellationToken cancellationToken)
    {
        var claims = new Dictionary<string, object> { [TokenClaims.SecurityStamp] = securityStamp };
        return await SignAsync(principal.Name, RefreshAudience, _index.Value.RefreshTokenLifetime, claims, cancellationToken);
    }

    private static Dictionary<string, object> ToClaim(TokenAccessEntry entry) => new()
    {
        ["type"] = entry.Type,
        ["name"] = entry.Name,
        ["actions"] = entry.Actions.ToList(),
    };

    private async Task<IssuedToken> SignAsync(string subject, string audience, TimeSpan lifetime, Dictionary<string, object> claims, CancellationToken cancellationToken)
    {
        var key = await _keys.GetActiveKeyAsync(cancellationToken);
        var now = _time.GetUtcNow();
        claims[JwtRegisteredClaimNames.Sub] = subject;
        claims[JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N");
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _auth.Value.Issuer,
            Audience = audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(key.SecurityKey, SecurityAlgorithms.EcdsaSha256),
        });
        return new IssuedToken(token, (int)lifetime.TotalSeconds, now);
    }
}
