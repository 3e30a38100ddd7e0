using Berth.Index.Accounts;
using Berth.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Berth.Index.Tokens;

/// <summary>
/// The Docker token service: GET /token (distribution's token.md) and POST /token (oauth.md's password and refresh
/// grants), and the public keys at /.well-known/jwks.json.
/// </summary>
internal static class TokenEndpoints
{
    private const int MaxFormBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapTokenEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/token", GetAsync);
        endpoints.MapPost("/token", PostAsync);
        endpoints.MapGet("/" + JwksKeySource.JwksPath, JwksAsync);
        return endpoints;
    }

    private static async Task<IResult> GetAsync(HttpContext context, TokenService tokens, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        if (await tokens.ResolveAudienceAsync(query["service"], cancellationToken) is not { } audience || !TokenRequests.TryParseScopes(query["scope"], out var scopes))
        {
            return TokenResults.OAuthError(StatusCodes.Status400BadRequest, "invalid_request", "unknown service or malformed scope");
        }

        var address = context.Connection.RemoteIpAddress?.ToString();
        var header = context.Request.Headers.Authorization.ToString();
        IndexPrincipal? principal = null;
        if (TokenRequests.TryParseBasic(header, out var user, out var password))
        {
            var login = await tokens.LoginAsync(user, password, address, cancellationToken);
            if (login.RetryAfter is { } retry)
            {
                return TokenResults.TooManyRequests(retry);
            }

            if (login.DirectoryUnavailable)
            {
                return TokenResults.DirectoryUnavailable();
            }

            principal = login.Principal;
            if (principal is null)
            {
                return TokenResults.Unauthorized("invalid username or password");
            }
        }
        else if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            principal = await tokens.FromAccessTokenAsync(header["Bearer ".Length..].Trim(), audience, cancellationToken);
            if (principal is null)
            {
                return TokenResults.Unauthorized("invalid bearer token");
            }
        }
        else if (header.Length > 0)
        {
            return TokenResults.Unauthorized("unsupported authorization");
        }

        if (query["account"] is { Count: > 0 } account && principal is not null && !string.Equals(account.ToString(), principal.Name, StringComparison.Ordinal))
        {
            return TokenResults.Unauthorized("account does not match the credentials");
        }

        var offline = string.Equals(query["offline_token"], "true", StringComparison.OrdinalIgnoreCase);
        var response = await tokens.GrantAsync(principal, scopes, offline, address, audience, cancellationToken);
        return TokenResults.Token(response, includeScope: false);
    }

    private static async Task<IResult> PostAsync(HttpContext context, TokenService tokens, CancellationToken cancellationToken)
    {
        if (!context.Request.HasFormContentType || context.Request.ContentLength is null)
        {
            return TokenResults.OAuthError(StatusCodes.Status400BadRequest, "invalid_request", "expected a form body of at most 64 KiB");
        }

        if (context.Request.ContentLength > MaxFormBytes)
        {
            return TokenResults.OAuthError(StatusCodes.Status413PayloadTooLarge, "invalid_request", "expected a form body of at most 64 KiB");
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(new Microsoft.AspNetCore.Http.Features.FormOptions
            {
                BufferBodyLengthLimit = MaxFormBytes,
                ValueCountLimit = 64,
                KeyLengthLimit = 64,
                ValueLengthLimit = 16 * 1024,
            }, cancellationToken);
        }
        catch (InvalidDataException)
        {
            return TokenResults.OAuthError(StatusCodes.Status400BadRequest, "invalid_request", "malformed form body");
        }

        if (await tokens.ResolveAudienceAsync(form["service"], cancellationToken) is not { } audience || !TokenRequests.TryParseScopes(form["scope"], out var scopes))
        {
            return TokenResults.OAuthError(StatusCodes.Status400BadRequest, "invalid_request", "unknown service or malformed scope");
        }

        var address = context.Connection.RemoteIpAddress?.ToString();
        IndexPrincipal? principal;
        bool offline;
        switch (form["grant_type"].ToString())
        {
            case "password":
                var login = await tokens.LoginAsync(form["username"].ToString(), form["password"].ToString(), address, cancellationToken);
                if (login.RetryAfter is { } retry)
                {
                    return TokenResults.TooManyRequests(retry);
                }

                if (login.DirectoryUnavailable)
                {
                    return TokenResults.DirectoryUnavailable();
                }

                principal = login.Principal;
                offline = string.Equals(form["access_type"], "offline", StringComparison.Ordinal);
                break;
            case "refresh_token":
                principal = await tokens.FromRefreshTokenAsync(form["refresh_token"].ToString(), cancellationToken);
                offline = true;
                break;
            default:
                return TokenResults.OAuthError(StatusCodes.Status400BadRequest, "unsupported_grant_type", "grant_type is password or refresh_token");
        }

        if (principal is null)
        {
            return TokenResults.OAuthError(StatusCodes.Status401Unauthorized, "invalid_grant", "invalid credentials or refresh token");
        }

        var response = await tokens.GrantAsync(principal, scopes, offline, address, audience, cancellationToken);
        return TokenResults.Token(response, includeScope: true);
    }

    private static async Task<IResult> JwksAsync(SigningKeyStore store, CancellationToken cancellationToken)
    {
        var keys = await store.GetKeysAsync(false, cancellationToken);
        if (keys.Count == 0)
        {
            await store.GetActiveKeyAsync(cancellationToken);
            keys = await store.GetKeysAsync(true, cancellationToken);
        }

        return TokenResults.Jwks(keys);
    }
}
