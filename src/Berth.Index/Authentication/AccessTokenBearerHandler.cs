using System.Text.Encodings.Web;
using Berth.Index.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.Index.Authentication;

/// <summary>
/// "Authorization: Bearer berth_pat_…" for /api/v1: a personal access token alone, limited to its actions. On the
/// registry's admin endpoints (<see cref="IndexAuthenticationExtensions.IsRegistryAdminPath"/>) another bearer is a
/// registry token signed by the index, which their access guard checks: not this handler's to refuse.
/// </summary>
internal sealed class AccessTokenBearerHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AccessTokenService tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            || (IndexAuthenticationExtensions.IsRegistryAdminPath(Request.Path) && !AccessTokenService.LooksLikeToken(header["Bearer ".Length..].Trim())))
        {
            return AuthenticateResult.NoResult();
        }

        var principal = await tokens.AuthenticateAsync(null, header["Bearer ".Length..].Trim(), Context.RequestAborted);
        return principal is null
            ? AuthenticateResult.Fail("The bearer token is not a valid personal access token.")
            : AuthenticateResult.Success(new AuthenticationTicket(IndexClaims.CreatePrincipal(principal, Scheme.Name), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 401;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"berth\"";
        return Task.CompletedTask;
    }
}
