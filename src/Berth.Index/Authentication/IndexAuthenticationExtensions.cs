using Berth.Index.Accounts;
using Berth.Index.Data;
using Berth.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Berth.Index.Authentication;

/// <summary>
/// Authentication of the index's HTTP surface. The default scheme is a policy scheme: on /api and /v1 an
/// Authorization header selects HTTP Basic (password or personal access token) or Bearer (personal access token);
/// everything else, and API calls without the header, use the UI's cookie. The registry's /v2 and the token
/// service's /token keep their own authentication: their headers are never routed to these handlers.
/// </summary>
internal static class IndexAuthenticationExtensions
{
    /// <summary>The UI's sign-in page (written by the UI); the cookie sends browsers there.</summary>
    public const string SignInPath = "/signin";

    public const string SignOutPath = "/signout";

    /// <summary>The header carrying the antiforgery token on cookie-authenticated API mutations.</summary>
    public const string AntiforgeryHeader = "X-CSRF-TOKEN";

    /// <summary>
    /// The cookie, Basic and Bearer schemes, and antiforgery. The data-protection keys that encrypt the cookies live in
    /// the index database, so every node on that database reads the cookies of every other.
    /// </summary>
    public static IServiceCollection AddBerthIndexAuthentication(this IServiceCollection services)
    {
        services.TryAddSingleton<IndexSignIn>();
        services.AddDataProtection().SetApplicationName("berth");
        services.AddOptions<KeyManagementOptions>()
            .Configure<IndexDbContextFactory>((o, db) => o.XmlRepository = new DatabaseXmlRepository(db));
        services.AddAuthentication(IndexClaims.Scheme)
            .AddPolicyScheme(IndexClaims.Scheme, "Berth", o => o.ForwardDefaultSelector = SelectScheme)
            .AddCookie(IndexClaims.CookieScheme, o =>
            {
                o.Cookie.Name = "berth.session";
                o.Cookie.HttpOnly = true;
                o.Cookie.Path = "/";
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = SignInPath;
                o.LogoutPath = SignOutPath;
                o.AccessDeniedPath = SignInPath;
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.SlidingExpiration = true;
                o.Events = new CookieAuthenticationEvents
                {
                    OnValidatePrincipal = ValidateStampAsync,
                    OnRedirectToLogin = c => ApiStatusOrRedirect(c, StatusCodes.Status401Unauthorized),
                    OnRedirectToAccessDenied = c => ApiStatusOrRedirect(c, StatusCodes.Status403Forbidden),
                };
            })
            .AddScheme<AuthenticationSchemeOptions, BasicAuthenticationHandler>(IndexClaims.BasicScheme, null)
            .AddScheme<AuthenticationSchemeOptions, AccessTokenBearerHandler>(IndexClaims.BearerScheme, null)
            .AddScheme<AuthenticationSchemeOptions, CatalogSearchBearerHandler>(IndexClaims.CatalogSearchScheme, null);
        services.AddAuthorization();
        services.AddAntiforgery(o =>
        {
            o.HeaderName = AntiforgeryHeader;
            o.Cookie.Name = "berth.antiforgery";
            o.Cookie.Path = "/";
        });
        return services;
    }

    /// <summary>
    /// Authentication, authorisation and antiforgery middleware. Wrong credentials on the API answer 401 rather than
    /// falling back to anonymous, so a client never mistakes a typo for an empty result.
    /// </summary>
    public static WebApplication UseBerthIndexAuthentication(this WebApplication app)
    {
        app.UseAuthentication();
        app.Use(async (context, next) =>
        {
            if (IsApiPath(context.Request.Path) && (await context.AuthenticateAsync()).Failure is not null)
            {
                await context.ChallengeAsync();
                return;
            }

            await next(context);
        });
        if (app.Services.GetRequiredService<IOptions<AuthOptions>>().Value.Mode == AuthMode.None)
        {
            app.UseOpenAccess();
        }

        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    /// <summary>The registry's admin API (namespace policies, retention, mirror cache), guarded by registry tokens.</summary>
    internal static bool IsRegistryAdminPath(PathString path) =>
        path.StartsWithSegments("/api/v1/admin", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/api/v1/mirror", StringComparison.OrdinalIgnoreCase);

    internal static bool IsApiPath(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase);

    private static string SelectScheme(HttpContext context)
    {
        if (IsApiPath(context.Request.Path))
        {
            var header = context.Request.Headers.Authorization.ToString();
            if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            {
                return IndexClaims.BasicScheme;
            }

            if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                // On /v1/search docker sends a registry token (scope registry:catalog:search) rather than a personal access token.
                return context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || header.Contains(AccessTokenService.Prefix, StringComparison.Ordinal)
                    ? IndexClaims.BearerScheme
                    : IndexClaims.CatalogSearchScheme;
            }
        }

        return IndexClaims.CookieScheme;
    }

    private static Task ApiStatusOrRedirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (IsApiPath(context.Request.Path))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }

    /// <summary>A cookie stays valid only while its account exists with the same security stamp (a password change ends it).</summary>
    private static async Task ValidateStampAsync(CookieValidatePrincipalContext context)
    {
        var viewer = IndexClaims.ToIndexPrincipal(context.Principal);
        var stamp = context.Principal?.FindFirst(IndexClaims.SecurityStampClaim)?.Value;
        var authenticator = context.HttpContext.RequestServices.GetRequiredService<Authenticator>();
        if (viewer is null || stamp is null
            || await authenticator.FindAsync(viewer.Name, stamp, null, context.HttpContext.RequestAborted) is not { } current
            || current.IsAdmin != viewer.IsAdmin)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IndexClaims.CookieScheme);
        }
    }
}
