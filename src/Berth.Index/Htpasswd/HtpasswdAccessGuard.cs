using System.Security.Claims;
using Berth.Index.Accounts;
using Berth.Index.Tokens;
using Berth.Registry.Api.Auth;
using Microsoft.AspNetCore.Http;

namespace Berth.Index.Htpasswd;

/// <summary>Simple mode: HTTP Basic on every request, checked against the htpasswd file; a valid user may do everything.</summary>
public sealed class HtpasswdAccessGuard : IRegistryAccessGuard
{
    private const string Challenge = "Basic realm=\"berth\"";
    private readonly HtpasswdFile _file;
    private readonly LoginRateLimiter _limiter;

    public HtpasswdAccessGuard(HtpasswdFile file, LoginRateLimiter limiter)
    {
        _file = file;
        _limiter = limiter;
    }

    public ValueTask<IResult?> CheckAsync(HttpContext context, RegistryAccess access, CancellationToken cancellationToken)
    {
        if (!TokenRequests.TryParseBasic(context.Request.Headers.Authorization.ToString(), out var user, out var password))
        {
            return ValueTask.FromResult<IResult?>(AuthErrorResult.Unauthorized(Challenge, access));
        }

        var address = context.Connection.RemoteIpAddress?.ToString();
        if (_limiter.RetryAfter(user, address) is not null)
        {
            return ValueTask.FromResult<IResult?>(Results.StatusCode(StatusCodes.Status429TooManyRequests));
        }

        if (!_file.Verify(user, password))
        {
            _limiter.RecordFailure(user, address);
            return ValueTask.FromResult<IResult?>(AuthErrorResult.Unauthorized(Challenge, access));
        }

        context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, user)], "Basic"));
        return ValueTask.FromResult<IResult?>(null);
    }
}
