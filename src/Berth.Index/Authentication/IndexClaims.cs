using System.Globalization;
using System.Security.Claims;
using Berth.Index.Accounts;

namespace Berth.Index.Authentication;

/// <summary>
/// Builds and reads the principal of the index's HTTP surface. Every scheme (the UI's cookie, HTTP Basic and Bearer
/// personal access tokens on /api/v1) yields the same claims:
/// <list type="bullet">
/// <item><c>ClaimTypes.Name</c>: the account name (also its namespace).</item>
/// <item><c>ClaimTypes.NameIdentifier</c>: the account's numeric id.</item>
/// <item><c>ClaimTypes.Role</c> = <c>admin</c>: present for administrators, so <c>IsInRole("admin")</c> works.</item>
/// <item><c>berth:stamp</c>: the security stamp (cookie only); a password change signs the cookie out.</item>
/// <item><c>berth:actions</c>: comma-separated actions when signed in with a personal access token.</item>
/// </list>
/// The UI signs in with <see cref="IndexSignIn"/> (or calls SignInAsync with <see cref="CookieScheme"/> and
/// <see cref="CreatePrincipal"/>); query services take the viewer as <see cref="ToIndexPrincipal"/>.
/// </summary>
public static class IndexClaims
{
    /// <summary>The policy scheme: the default, choosing cookie, Basic or Bearer per request.</summary>
    public const string Scheme = "Berth";

    public const string CookieScheme = "Berth.Cookie";

    public const string BasicScheme = "Berth.Basic";

    public const string BearerScheme = "Berth.Bearer";

    /// <summary>A registry token with registry:catalog:search on /v1/search (docker search after docker login).</summary>
    public const string CatalogSearchScheme = "Berth.CatalogSearch";

    /// <summary>Open mode (Auth:Mode=None): a request without credentials acts as the administrator.</summary>
    public const string OpenScheme = "Berth.Open";

    public const string AdminRole = "admin";

    public const string SecurityStampClaim = "berth:stamp";

    public const string ActionsClaim = "berth:actions";

    /// <summary>The principal for an authenticated account; securityStamp is given for cookies.</summary>
    public static ClaimsPrincipal CreatePrincipal(IndexPrincipal principal, string authenticationType, string? securityStamp = null)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, principal.Name),
            new(ClaimTypes.NameIdentifier, principal.UserId.ToString(CultureInfo.InvariantCulture)),
        };
        if (principal.IsAdmin)
        {
            claims.Add(new Claim(ClaimTypes.Role, AdminRole));
        }

        if (securityStamp is not null)
        {
            claims.Add(new Claim(SecurityStampClaim, securityStamp));
        }

        if (principal.ActionLimit is { } limit)
        {
            claims.Add(new Claim(ActionsClaim, string.Join(',', limit.Order(StringComparer.Ordinal))));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>The viewer a request stands for, or null when anonymous.</summary>
    public static IndexPrincipal? ToIndexPrincipal(ClaimsPrincipal? user)
    {
        if (user?.Identity is not { IsAuthenticated: true } identity || identity.Name is not { } name
            || !long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }

        var actions = user.FindFirstValue(ActionsClaim);
        return new IndexPrincipal(
            id,
            name,
            user.IsInRole(AdminRole),
            name.Contains('+', StringComparison.Ordinal),
            actions is null ? null : actions.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>True when the request was authenticated by the UI's cookie: such mutations need an antiforgery token.</summary>
    public static bool IsCookieAuthenticated(ClaimsPrincipal? user) =>
        user?.Identity is { IsAuthenticated: true, AuthenticationType: CookieScheme };
}
