using Berth.Index.External.Oidc;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Berth.Web.Auth;

/// <summary>The sign-in page's "Sign in with …" link: a challenge of the OpenID Connect scheme (404 when OIDC is off).</summary>
internal static class OidcEndpoints
{
    public static void MapOidcSignIn(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(OidcAuthentication.StartPath, (IOptions<OidcOptions> options, string? returnUrl) =>
            options.Value.Enabled
                ? Results.Challenge(new AuthenticationProperties { RedirectUri = LocalUrl.OrHome(returnUrl) }, [OidcAuthentication.Scheme])
                : Results.NotFound()).ExcludeFromDescription();
}
