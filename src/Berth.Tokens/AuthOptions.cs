using System.ComponentModel.DataAnnotations;

namespace Berth.Tokens;

/// <summary>Authentication settings shared by the registry and the index (section "Auth").</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    public AuthMode Mode { get; set; } = AuthMode.Token;

    /// <summary>The service name clients pass to the token service; the tokens' audience.</summary>
    [Required]
    public string Service { get; set; } = "berth";

    /// <summary>The tokens' issuer ("iss").</summary>
    [Required]
    public string Issuer { get; set; } = "berth-index";

    /// <summary>The token service URL in challenges; defaults to IndexUrl + "/token", or this server's own /token.</summary>
    public Uri? Realm { get; set; }

    /// <summary>The index's base URL, for a registry running apart from it (its JWKS and token service).</summary>
    public Uri? IndexUrl { get; set; }

    /// <summary>How long an access token is valid.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Tolerance for clocks that differ between the index and the registry.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a registry running apart re-reads the index's published keys.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan KeysRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The htpasswd file for Mode=Htpasswd.</summary>
    public string? HtpasswdPath { get; set; }
}
