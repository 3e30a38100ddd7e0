using System.Security.Claims;
using Berth.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Berth.Registry.Api.Auth;

/// <summary>
/// The registry's half of Docker token authentication: grants a request when its Bearer token, signed by the index,
/// covers the access it needs. Without a usable token, or when the token does not name the resource, it answers
/// 401 with a challenge telling the client where to get one. When the index already refused an authenticated account
/// an action it asked for (the token's berth_refused claim), asking again cannot help: 403 DENIED, as Docker Hub answers.
/// </summary>
internal sealed class TokenAccessGuard : IRegistryAccessGuard
{
    private readonly TokenValidator _validator;
    private readonly IOptions<AuthOptions> _options;

    public TokenAccessGuard(TokenValidator validator, IOptions<AuthOptions> options)
    {
        _validator = validator;
        _options = options;
    }

    public async ValueTask<IResult?> CheckAsync(HttpContext context, RegistryAccess access, CancellationToken cancellationToken)
    {
        var options = _options.Value;
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Challenge(context, access, null);
        }

        var token = await _validator.ValidateAsync(header["Bearer ".Length..].Trim(), options.Service, cancellationToken);
        if (token is null)
        {
            return Challenge(context, access, "invalid_token");
        }

        if (!token.IsAnonymous)
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, token.Subject)], "Bearer"));
        }

        if (access.Name.Length == 0 && access.Actions.Count == 0)
        {
            return null;
        }

        var granted = token.ActionsOn(access.Type, access.Name);
        if (granted is not null && access.Actions.All(a => granted.Contains(a) || granted.Contains("*")))
        {
            return null;
        }

        var refused = token.RefusedOn(access.Type, access.Name);
        return !token.IsAnonymous && access.Actions.Any(refused.Contains)
            ? AuthErrorResult.Denied(access)
            : Challenge(context, access, "insufficient_scope");
    }

    private AuthErrorResult Challenge(HttpContext context, RegistryAccess access, string? error)
    {
        var options = _options.Value;
        return AuthErrorResult.Unauthorized(AuthErrorResult.BearerChallenge(Realm(context, options), options.Service, access, error), access);
    }

    /// <summary>The token service URL: configured, the index's when running apart, else this server's own /token.</summary>
    public static string Realm(HttpContext context, AuthOptions options)
    {
        if (options.Realm is not null)
        {
            return options.Realm.ToString();
        }

        if (options.IndexUrl is not null)
        {
            return new Uri(options.IndexUrl, "token").ToString();
        }

        var request = context.Request;
        return $"{request.Scheme}://{request.Host}{request.PathBase}/token";
    }
}
