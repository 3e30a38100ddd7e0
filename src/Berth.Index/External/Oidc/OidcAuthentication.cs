using Berth.Index.Accounts;
using Berth.Index.Audit;
using Berth.Index.Authentication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Berth.Index.External.Oidc;

/// <summary>
/// The OpenID Connect scheme, registered only when Oidc:Authority is set. After the provider's callback the identity
/// becomes a Berth account (created on first sign-in, admin flag and teams from its groups) and the UI's cookie is set
/// with Berth's own claims, exactly as a password sign-in sets it.
/// </summary>
public static class OidcAuthentication
{
    public const string Scheme = "Berth.Oidc";

    /// <summary>Where the provider sends the browser back: register http(s)://BERTH/signin-oidc as the client's redirect URI.</summary>
    public const string CallbackPath = "/signin-oidc";

    /// <summary>The UI's link that starts the sign-in (with ?returnUrl=).</summary>
    public const string StartPath = "/signin/oidc";

    public static IServiceCollection AddBerthOidc(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OidcOptions>().Bind(configuration.GetSection(OidcOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OidcOptions>, OidcOptionsValidator>());

        // A remote scheme runs on every request to look for its callback, so it exists only when configured.
        if (string.IsNullOrWhiteSpace(configuration.GetSection(OidcOptions.SectionName)["Authority"]))
        {
            return services;
        }

        services.AddAuthentication().AddOpenIdConnect(Scheme, _ => { });
        services.AddOptions<OpenIdConnectOptions>(Scheme).Configure<IOptions<OidcOptions>>((o, berth) => Configure(o, berth.Value));
        return services;
    }

    private static void Configure(OpenIdConnectOptions o, OidcOptions berth)
    {
        o.Authority = berth.Authority;
        o.ClientId = berth.ClientId;
        o.ClientSecret = berth.ClientSecret;
        o.RequireHttpsMetadata = berth.RequireHttpsMetadata;
        o.ResponseType = OpenIdConnectResponseType.Code;
        o.UsePkce = true;

        // The callback is a top-level GET, so the correlation and nonce cookies can be SameSite=Lax (form_post would need None).
        o.ResponseMode = OpenIdConnectResponseMode.Query;
        o.CorrelationCookie.SameSite = SameSiteMode.Lax;
        o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.NonceCookie.SameSite = SameSiteMode.Lax;
        o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.CallbackPath = CallbackPath;
        o.SignInScheme = IndexClaims.CookieScheme;
        o.MapInboundClaims = false;
        o.GetClaimsFromUserInfoEndpoint = true;
        o.Scope.Clear();
        foreach (var scope in berth.ScopeList)
        {
            o.Scope.Add(scope);
        }

        o.ClaimActions.MapUniqueJsonKey(berth.UsernameClaim, berth.UsernameClaim);
        o.ClaimActions.MapUniqueJsonKey(berth.EmailClaim, berth.EmailClaim);
        o.ClaimActions.MapJsonKey(berth.GroupsClaim, berth.GroupsClaim);
        o.Events = new OpenIdConnectEvents
        {
            OnTicketReceived = TicketReceivedAsync,
            OnRemoteFailure = RemoteFailureAsync,
        };
    }

    /// <summary>Swaps the provider's principal for the Berth account's, or refuses the sign-in.</summary>
    private static async Task TicketReceivedAsync(TicketReceivedContext context)
    {
        var services = context.HttpContext.RequestServices;
        var berth = services.GetRequiredService<IOptions<OidcOptions>>().Value;
        var logger = services.GetRequiredService<ILogger<ExternalAccountProvisioner>>();
        var cancellationToken = context.HttpContext.RequestAborted;
        var name = context.Principal?.FindFirst(berth.UsernameClaim)?.Value?.ToLowerInvariant();
        if (name is null)
        {
            Log.OidcRefused(logger, $"the provider sent no '{berth.UsernameClaim}' claim");
            context.Response.Redirect(IndexAuthenticationExtensions.SignInPath + "?error=oidc");
            context.HandleResponse();
            return;
        }

        var groups = context.Principal!.FindAll(berth.GroupsClaim).Select(c => c.Value).Distinct(StringComparer.Ordinal).ToList();
        var identity = new ExternalIdentity(ExternalSources.Oidc, name, context.Principal.FindFirst(berth.EmailClaim)?.Value, groups);
        var principal = await services.GetRequiredService<ExternalAccountProvisioner>().SignInAsync(identity, berth, cancellationToken);
        var audit = services.GetRequiredService<AuditLog>();
        var address = context.HttpContext.Connection.RemoteIpAddress?.ToString();
        if (principal is null)
        {
            await audit.WriteAsync(AuditKinds.Login, name, null, false, address, "openid connect: account refused", cancellationToken);
            context.Response.Redirect(IndexAuthenticationExtensions.SignInPath + "?error=oidc");
            context.HandleResponse();
            return;
        }

        var stamp = await services.GetRequiredService<Authenticator>().SecurityStampAsync(principal.UserId, cancellationToken);
        context.Principal = IndexClaims.CreatePrincipal(principal, IndexClaims.CookieScheme, stamp);
        await audit.WriteAsync(AuditKinds.Login, name, null, true, address, "openid connect", cancellationToken);
    }

    /// <summary>A refused or broken provider round trip lands on the sign-in page with a message, not on an error page.</summary>
    private static Task RemoteFailureAsync(RemoteFailureContext context)
    {
        Log.OidcRefused(context.HttpContext.RequestServices.GetRequiredService<ILogger<ExternalAccountProvisioner>>(), context.Failure?.Message ?? "unknown failure");
        context.Response.Redirect(IndexAuthenticationExtensions.SignInPath + "?error=oidc");
        context.HandleResponse();
        return Task.CompletedTask;
    }
}
