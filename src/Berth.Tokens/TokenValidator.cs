using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Berth.Tokens;

/// <summary>
/// Checks a JWT the index signed: a known key id, an allowed asymmetric algorithm (never "none" or HMAC), the signature,
/// the issuer, the audience, and exp/nbf against the injected clock.
/// </summary>
public sealed class TokenValidator
{
    /// <summary>Tokens larger than this are refused before any parsing.</summary>
    public const int MaxTokenLength = 16 * 1024;

    private static readonly string[] s_allowedAlgorithms = [SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.RsaSha256];
    private readonly JsonWebTokenHandler _handler = new() { MaximumTokenSizeInBytes = MaxTokenLength };
    private readonly ITokenKeySource _keys;
    private readonly IOptions<AuthOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<TokenValidator> _logger;

    public TokenValidator(ITokenKeySource keys, IOptions<AuthOptions> options, TimeProvider time, ILogger<TokenValidator> logger)
    {
        _keys = keys;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Returns the checked token, or null (logged at debug) when it must not be trusted.</summary>
    public async ValueTask<ValidatedToken?> ValidateAsync(string token, string audience, CancellationToken cancellationToken)
    {
        if (token.Length is 0 or > MaxTokenLength || !_handler.CanReadToken(token))
        {
            Log.TokenRejected(_logger, "unreadable");
            return null;
        }

        JsonWebToken jwt;
        try
        {
            jwt = _handler.ReadJsonWebToken(token);
        }
        catch (ArgumentException)
        {
            Log.TokenRejected(_logger, "malformed");
            return null;
        }

        if (!s_allowedAlgorithms.Contains(jwt.Alg, StringComparer.Ordinal) || string.IsNullOrEmpty(jwt.Kid))
        {
            Log.TokenRejected(_logger, "algorithm or key id");
            return null;
        }

        var key = await _keys.FindKeyAsync(jwt.Kid, cancellationToken);
        if (key is null)
        {
            Log.TokenRejected(_logger, "unknown key id");
            return null;
        }

        var options = _options.Value;
        var result = await _handler.ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            IssuerSigningKey = key,
            ValidAlgorithms = s_allowedAlgorithms,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ValidIssuer = options.Issuer,
            ValidAudience = audience,
            ValidateLifetime = false,
            RequireExpirationTime = true,
        });
        if (!result.IsValid)
        {
            Log.TokenRejected(_logger, result.Exception?.GetType().Name ?? "invalid");
            return null;
        }

        var now = _time.GetUtcNow();
        if (jwt.ValidTo == DateTime.MinValue || now > new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero) + options.ClockSkew)
        {
            Log.TokenRejected(_logger, "expired");
            return null;
        }

        if (jwt.ValidFrom != DateTime.MinValue && new DateTimeOffset(jwt.ValidFrom, TimeSpan.Zero) > now + options.ClockSkew)
        {
            Log.TokenRejected(_logger, "not yet valid");
            return null;
        }

        var access = ReadEntries(jwt, TokenAccessEntry.ClaimName);
        var refused = ReadEntries(jwt, TokenAccessEntry.RefusedClaimName);
        if (access is null || refused is null)
        {
            Log.TokenRejected(_logger, "malformed access claim");
            return null;
        }

        return new ValidatedToken(jwt.Subject ?? string.Empty, jwt.Id ?? string.Empty, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero), access, refused, jwt);
    }

    private static List<TokenAccessEntry>? ReadEntries(JsonWebToken jwt, string claimName)
    {
        try
        {
            using var payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(jwt.EncodedPayload));
            if (!payload.RootElement.TryGetProperty(claimName, out var claim) || claim.ValueKind == JsonValueKind.Null)
            {
                return [];
            }

            return claim.Deserialize(TokenJsonContext.Default.ListTokenAccessEntry) is { } entries && entries.All(IsWellFormed) ? entries : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool IsWellFormed(TokenAccessEntry entry) =>
        entry is { Type: not null, Name: not null, Actions: not null } && entry.Actions.All(a => a is not null);
}
