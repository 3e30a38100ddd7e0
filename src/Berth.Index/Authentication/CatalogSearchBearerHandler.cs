using System.Text.Encodings.Web;
using Berth.Index.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.Index.Authentication;

/// <summary>
/// "Authorization: Bearer &lt;registry token&gt;" on /v1/search: after <c>docker login</c>, docker fetches a token
/// with scope <c>registry:catalog:search</c> from the realm and sends it here. A token granting search stands for its
/// account (private repositories it may pull are listed); a valid token without that grant searches anonymously; a
/// token the index did not issue, or an expired one, is refused.
/// </summary>
internal sealed class CatalogSearchBearerHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    TokenService tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var search = await tokens.FromCatalogSearchTokenAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (!search.IsValid)
        {
            return AuthenticateResult.Fail("The bearer token is not a valid registry token of this index.");
        }

        return search.Principal is { } principal
            ? AuthenticateResult.Success(new AuthenticationTicket(IndexClaims.CreatePrincipal(principal, Scheme.Name), Scheme.Name))
            : AuthenticateResult.NoResult();
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 401;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"berth\",error=\"invalid_token\"";
        return Task.CompletedTask;
    }
}
