using Berth.Index.Accounts;
using Berth.Index.Authentication;
using Berth.Index.Profiles;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Berth.Index.Api;

/// <summary>The signed-in account, its personal access tokens, user and organisation pages, and the antiforgery token.</summary>
internal static class AccountEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/me", Me).WithName("GetMe").RequireAuthorization().WithSummary("The authenticated account.");
        api.MapGet("/me/tokens", ListTokensAsync).WithName("ListAccessTokens").RequireAuthorization().WithSummary("The caller's personal access tokens (no secrets).");
        api.MapPost("/me/tokens", CreateTokenAsync).WithName("CreateAccessToken").RequireAuthorization().AddEndpointFilter<AntiforgeryForCookies>()
            .WithSummary("Creates a personal access token; the secret is in this answer only.");
        api.MapDelete("/me/tokens/{tokenName}", RevokeTokenAsync).WithName("RevokeAccessToken").RequireAuthorization().AddEndpointFilter<AntiforgeryForCookies>()
            .WithSummary("Revokes one of the caller's personal access tokens.");
        api.MapGet("/namespaces/{name}", ProfileAsync).WithName("GetNamespace").WithSummary("A user's or organisation's page; list its repositories with /repositories?namespace=.");
        api.MapGet("/antiforgery", Antiforgery).WithName("GetAntiforgeryToken").WithSummary("A token for the X-CSRF-TOKEN header of cookie-authenticated changes.");
    }

    private static Ok<MeResponse> Me(HttpContext context)
    {
        var viewer = RepositoryEndpoints.Viewer(context);
        return TypedResults.Ok(new MeResponse(viewer.UserId, viewer.Name, viewer.IsAdmin, viewer.ActionLimit?.Order(StringComparer.Ordinal).ToList()));
    }

    private static async Task<IResult> ListTokensAsync(HttpContext context, AccessTokenService tokens, CancellationToken cancellationToken)
    {
        var rows = await tokens.ListAsync(RepositoryEndpoints.Viewer(context).Name, cancellationToken);
        return TypedResults.Ok(rows.Select(t => new AccessTokenInfo(t.Name, t.Actions.Split(',', StringSplitOptions.RemoveEmptyEntries), t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.LastUsedAt)).ToList());
    }

    private static Task<IResult> CreateTokenAsync(HttpContext context, AccessTokenService tokens, CreateAccessTokenRequest body, CancellationToken cancellationToken) =>
        ApiResults.GuardAsync(async () =>
        {
            var viewer = RepositoryEndpoints.Viewer(context);
            if (viewer.ActionLimit is not null)
            {
                return ApiResults.Problem(StatusCodes.Status403Forbidden, "A personal access token cannot create tokens: sign in with the password.");
            }

            var secret = await tokens.CreateAsync(viewer.Name, body.Name, body.Actions ?? [], body.ExpiresAt, viewer.Name, cancellationToken);
            return TypedResults.Created($"/api/v1/me/tokens/{Uri.EscapeDataString(body.Name)}", new CreatedAccessToken(body.Name, secret, body.Actions ?? [], body.ExpiresAt));
        });

    private static Task<IResult> RevokeTokenAsync(HttpContext context, AccessTokenService tokens, string tokenName, CancellationToken cancellationToken) =>
        ApiResults.GuardAsync(async () =>
        {
            var viewer = RepositoryEndpoints.Viewer(context);
            await tokens.RevokeAsync(viewer.Name, tokenName, viewer.Name, cancellationToken);
            return TypedResults.NoContent();
        });

    private static async Task<IResult> ProfileAsync(HttpContext context, ProfileQueries profiles, string name, CancellationToken cancellationToken) =>
        await profiles.GetAsync(name, IndexClaims.ToIndexPrincipal(context.User), cancellationToken) is { } profile
            ? TypedResults.Ok(profile)
            : ApiResults.NotFound($"Namespace '{name}'");

    private static Ok<AntiforgeryResponse> Antiforgery(HttpContext context, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return TypedResults.Ok(new AntiforgeryResponse(tokens.HeaderName ?? IndexAuthenticationExtensions.AntiforgeryHeader, tokens.RequestToken ?? string.Empty));
    }
}
