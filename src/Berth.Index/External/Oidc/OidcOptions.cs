namespace Berth.Index.External.Oidc;

/// <summary>
/// Web sign-in through an OpenID Connect provider (section "Oidc"): authorization code with PKCE; off while Authority
/// is unset. The provider's claims give the account name, e-mail and groups. CLI clients use personal access tokens
/// made in the UI after signing in.
/// </summary>
public sealed class OidcOptions : ExternalGroupOptions
{
    public const string SectionName = "Oidc";

    /// <summary>The issuer URL (its /.well-known/openid-configuration is read); unset turns OIDC off.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The button's text on the sign-in page: "Sign in with …".</summary>
    public string DisplayName { get; set; } = "single sign-on";

    /// <summary>The claim whose value, lowercased, is the Berth account name.</summary>
    public string UsernameClaim { get; set; } = "preferred_username";

    public string EmailClaim { get; set; } = "email";

    /// <summary>The claim listing the user's groups (Keycloak, Dex, Okta, GitLab: "groups"; Entra ID: "groups" or "roles").</summary>
    public string GroupsClaim { get; set; } = "groups";

    /// <summary>Separated by spaces; add the scope that releases the groups claim if the provider needs one (e.g. "groups").</summary>
    public string Scopes { get; set; } = "openid profile email";

    /// <summary>Only for a provider on loopback in tests: allows an http:// Authority.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);

    internal string[] ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    internal IEnumerable<string> Errors()
    {
        if (!Enabled)
        {
            yield break;
        }

        if (!Uri.TryCreate(Authority, UriKind.Absolute, out var authority) || (authority.Scheme != Uri.UriSchemeHttps && (RequireHttpsMetadata || authority.Scheme != Uri.UriSchemeHttp)))
        {
            yield return $"{SectionName}:Authority must be an https:// URL (http:// only with {SectionName}:RequireHttpsMetadata=false), not '{Authority}'.";
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            yield return $"{SectionName}:ClientId is required when {SectionName}:Authority is set.";
        }

        if (!ScopeList.Contains("openid", StringComparer.Ordinal))
        {
            yield return $"{SectionName}:Scopes must include openid.";
        }

        foreach (var (key, value) in new[] { ("UsernameClaim", UsernameClaim), ("GroupsClaim", GroupsClaim) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                yield return $"{SectionName}:{key} is required.";
            }
        }

        foreach (var error in MappingErrors(SectionName))
        {
            yield return error;
        }
    }
}
