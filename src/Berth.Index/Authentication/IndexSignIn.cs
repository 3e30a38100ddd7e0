using Berth.Index.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace Berth.Index.Authentication;

/// <summary>
/// Signs a browser in and out with the UI's cookie: the password (or a personal access token) is checked with the
/// same rate limiting and audit as the token service.
/// </summary>
public sealed class IndexSignIn(Authenticator authenticator)
{
    /// <summary>Checks the credentials and, when they are right, sets the cookie. The result says why it failed.</summary>
    public async Task<LoginResult> SignInAsync(HttpContext context, string userName, string password, bool persistent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = await authenticator.LoginAsync(userName, password, context.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        if (result.Principal is not { } principal)
        {
            return result;
        }

        var stamp = await authenticator.SecurityStampAsync(principal.UserId, cancellationToken);
        await context.SignInAsync(
            IndexClaims.CookieScheme,
            IndexClaims.CreatePrincipal(principal, IndexClaims.CookieScheme, stamp),
            new AuthenticationProperties { IsPersistent = persistent });
        return result;
    }

    public static Task SignOutAsync(HttpContext context) => context.SignOutAsync(IndexClaims.CookieScheme);
}
