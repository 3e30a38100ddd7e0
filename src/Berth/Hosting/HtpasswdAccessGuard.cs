using System.Security.Claims;
using Berth.Index.Accounts;
using Berth.Index.Htpasswd;
using Berth.Index.Tokens;
using Berth.Registry.Api.Auth;

namespace Berth.Hosting;

/// <summary>
/// Simple mode: HTTP Basic on every request, checked against the htpasswd file; a valid user may do everything.
/// It lives in the host because it joins the registry's guard contract with the index's htpasswd file and login limits,
/// and neither of those projects may know the other.
/// </summary>
internal sealed class HtpasswdAccessGuard : IRegistryAccessGuard
{
    private const string Challenge = "Basic realm=\"berth\"";
    private readonly HtpasswdFile _file;
    private readonly ILoginRateLimiter _limiter;

    public HtpasswdAccessGuard(HtpasswdFile file, ILoginRateLimiter limiter)
    {
        _file = file;
        _limiter = limiter;
    }

    public async ValueTask<IResult?> CheckAsync(HttpContext context, RegistryAccess access, CancellationToken cancellationToken)
    {
        if (!TokenRequests.TryParseBasic(context.Request.Headers.Authorization.ToString(), out var user, out var password))
        {
            return AuthErrorResult.Unauthorized(Challenge, access);
        }

        var address = context.Connection.RemoteIpAddress?.ToString();
        if (await _limiter.RetryAfterAsync(user, address, cancellationToken) is not null)
        {
            return Results.StatusCode(StatusCodes.Status429TooManyRequests);
        }

        if (!_file.Verify(user, password))
        {
            await _limiter.RecordFailureAsync(user, address, cancellationToken);
            return AuthErrorResult.Unauthorized(Challenge, access);
        }

        context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, user)], "Basic"));
        return null;
    }
}
