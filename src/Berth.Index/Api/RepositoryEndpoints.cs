using Berth.Index.Authentication;
using Berth.Index.Repositories;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Berth.Index.Api;

/// <summary>
/// Repositories, tags, manifests, stars and settings. Repository names contain '/', so the name is the route's last
/// part and the sub-resource's key comes before it: /api/v1/tags/{tag}/{name}, /api/v1/manifests/{digest}/{name}.
/// </summary>
internal static class RepositoryEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/repositories", ListAsync).WithName("ListRepositories")
            .WithSummary("Lists the repositories the caller may read: search (q), namespace, starred_by, sort (updated|stars|pulls|name), page, page_size.");
        api.MapGet("/repositories/{**name}", GetAsync).WithName("GetRepository").WithSummary("A repository with its tags and rendered README.");
        api.MapPatch("/repositories/{**name}", UpdateAsync).WithName("UpdateRepository").RequireAuthorization().AddEndpointFilter<AntiforgeryForCookies>()
            .WithSummary("Changes description and README (push permission) or visibility (delete permission).");
        api.MapGet("/tags/{tag}/{**name}", GetTagAsync).WithName("GetTag").WithSummary("A tag with its manifest, layers, platforms and labels.");
        api.MapDelete("/tags/{tag}/{**name}", DeleteTagAsync).WithName("DeleteTag").RequireAuthorization().AddEndpointFilter<AntiforgeryForCookies>()
            .WithSummary("Deletes a tag in the registry (delete permission).");
        api.MapGet("/manifests/{digest}/{**name}", GetManifestAsync).WithName("GetManifest").WithSummary("A manifest: config, layers or platform manifests, and referrers.");
        api.MapPut("/stars/{**name}", (HttpContext c, StarService s, string name, CancellationToken ct) => StarAsync(c, s, name, true, ct))
            .WithName("StarRepository").RequireAuthorization().AddEndpointFilter<AntiforgeryForCookies>().WithSummary("Stars a repository.");
        api.MapDelete("/stars/{**name}", (HttpContext c, StarService s, string name, CancellationToken ct) => StarAsync(c, s, name, false, ct))
            .WithName("UnstarRepository").RequireAuthorization().AddEndpointFilter<AntiforgeryForCookies>().WithSummary("Removes the caller's star.");
        api.MapGet("/team-permissions/{**name}", ListTeamsAsync).WithName("ListTeamPermissions").RequireAuthorization()
            .WithSummary("The organisation's teams' permissions on a repository (delete permission).");
        api.MapPut("/team-permissions/{team}/{**name}", SetTeamAsync).WithName("SetTeamPermission").RequireAuthorization().AddEndpointFilter<AntiforgeryForCookies>()
            .WithSummary("Grants a team read, write or admin on a repository (delete permission).");
        api.MapDelete("/team-permissions/{team}/{**name}", RemoveTeamAsync).WithName("RemoveTeamPermission").RequireAuthorization().AddEndpointFilter<AntiforgeryForCookies>()
            .WithSummary("Removes a team's permission on a repository (delete permission).");
    }

    private static async Task<Ok<RepositoryPage>> ListAsync(
        HttpContext context,
        RepositoryQueries queries,
        [FromQuery] string? q,
        [FromQuery(Name = "namespace")] string? ns,
        [FromQuery(Name = "starred_by")] string? starredBy,
        [FromQuery] RepositorySort? sort,
        [FromQuery] int? page,
        [FromQuery(Name = "page_size")] int? pageSize,
        CancellationToken cancellationToken)
    {
        var request = new RepositoryListRequest
        {
            Query = q,
            Namespace = ns,
            StarredBy = starredBy,
            Sort = sort ?? (string.IsNullOrWhiteSpace(q) ? RepositorySort.Updated : RepositorySort.Stars),
            Page = page ?? 1,
            PageSize = pageSize ?? 25,
        };
        return TypedResults.Ok(await queries.ListAsync(request, IndexClaims.ToIndexPrincipal(context.User), cancellationToken));
    }

    private static async Task<IResult> GetAsync(HttpContext context, RepositoryQueries queries, string name, CancellationToken cancellationToken) =>
        await queries.GetAsync(name, IndexClaims.ToIndexPrincipal(context.User), cancellationToken) is { } detail
            ? TypedResults.Ok(detail)
            : ApiResults.NotFound($"Repository '{name}'");

    private static Task<IResult> UpdateAsync(HttpContext context, RepositorySettingsService settings, string name, RepositorySettingsRequest body, CancellationToken cancellationToken) =>
        ApiResults.GuardAsync(async () =>
            await settings.UpdateAsync(Viewer(context), name, new RepositorySettings(body.Description, body.Readme, body.Visibility), cancellationToken)
                ? TypedResults.NoContent()
                : ApiResults.NotFound($"Repository '{name}'"));

    private static async Task<IResult> GetTagAsync(HttpContext context, RepositoryQueries queries, string tag, string name, CancellationToken cancellationToken) =>
        await queries.GetTagAsync(name, tag, IndexClaims.ToIndexPrincipal(context.User), cancellationToken) is { } detail
            ? TypedResults.Ok(detail)
            : ApiResults.NotFound($"Tag '{name}:{tag}'");

    private static Task<IResult> DeleteTagAsync(HttpContext context, RepositorySettingsService settings, string tag, string name, CancellationToken cancellationToken) =>
        ApiResults.GuardAsync(async () =>
            await settings.DeleteTagAsync(Viewer(context), name, tag, cancellationToken)
                ? TypedResults.NoContent()
                : ApiResults.NotFound($"Tag '{name}:{tag}'"));

    private static async Task<IResult> GetManifestAsync(HttpContext context, RepositoryQueries queries, string digest, string name, CancellationToken cancellationToken) =>
        await queries.GetManifestAsync(name, digest, IndexClaims.ToIndexPrincipal(context.User), cancellationToken) is { } detail
            ? TypedResults.Ok(detail)
            : ApiResults.NotFound($"Manifest '{name}@{digest}'");

    private static async Task<IResult> StarAsync(HttpContext context, StarService stars, string name, bool starred, CancellationToken cancellationToken) =>
        await stars.SetAsync(Viewer(context), name, starred, cancellationToken) is { } count
            ? TypedResults.Ok(new StarResponse(starred, count))
            : ApiResults.NotFound($"Repository '{name}'");

    private static Task<IResult> ListTeamsAsync(HttpContext context, RepositorySettingsService settings, string name, CancellationToken cancellationToken) =>
        ApiResults.GuardAsync(async () =>
            await settings.ListTeamPermissionsAsync(Viewer(context), name, cancellationToken) is { } list
                ? TypedResults.Ok(list)
                : ApiResults.NotFound($"Repository '{name}'"));

    private static Task<IResult> SetTeamAsync(HttpContext context, RepositorySettingsService settings, string team, string name, TeamPermissionRequest body, CancellationToken cancellationToken) =>
        ApiResults.GuardAsync(async () =>
            await settings.SetTeamPermissionAsync(Viewer(context), name, team, body.Permission, cancellationToken)
                ? TypedResults.NoContent()
                : ApiResults.NotFound($"Repository '{name}'"));

    private static Task<IResult> RemoveTeamAsync(HttpContext context, RepositorySettingsService settings, string team, string name, CancellationToken cancellationToken) =>
        ApiResults.GuardAsync(async () =>
            await settings.SetTeamPermissionAsync(Viewer(context), name, team, null, cancellationToken)
                ? TypedResults.NoContent()
                : ApiResults.NotFound($"Repository '{name}'"));

    /// <summary>The authenticated caller; these endpoints require authorisation, so there is one.</summary>
    internal static Accounts.IndexPrincipal Viewer(HttpContext context) =>
        IndexClaims.ToIndexPrincipal(context.User) ?? throw new InvalidOperationException("The endpoint requires an authenticated caller.");
}
