using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using Berth.Index.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.Index.Authentication;

/// <summary>HTTP Basic for /api/v1 and /v1/search: a password or a personal access token, rate limited and audited.</summary>
internal sealed class BasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    Authenticator authenticator)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
        {
            return AuthenticateResult.NoResult();
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return AuthenticateResult.Fail("The Basic credentials are not base64.");
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return AuthenticateResult.Fail("The Basic credentials are not name:secret.");
        }

        var result = await authenticator.LoginAsync(decoded[..colon], decoded[(colon + 1)..], Context.Connection.RemoteIpAddress?.ToString(), Context.RequestAborted);
        if (result.Principal is not { } principal)
        {
            return AuthenticateResult.Fail(
                result.RetryAfter is not null ? "Too many failed logins; try again later."
                : result.DirectoryUnavailable ? "The account directory (LDAP) is unreachable; try again later."
                : "Wrong name or secret.");
        }

        return AuthenticateResult.Success(new AuthenticationTicket(IndexClaims.CreatePrincipal(principal, Scheme.Name), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 401;
        Response.Headers.WWWAuthenticate = "Basic realm=\"berth\", charset=\"UTF-8\"";
        return Task.CompletedTask;
    }
}
