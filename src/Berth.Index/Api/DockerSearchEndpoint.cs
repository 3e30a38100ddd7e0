using Berth.Index.Authentication;
using Berth.Index.Repositories;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Berth.Index.Api;

/// <summary>
/// GET /v1/search?q=&amp;n=&amp;page=, the registry v1 search that docker search and podman search call. Anonymous
/// callers see public repositories; with Basic credentials (podman search --creds) also the private ones they may read.
/// </summary>
internal static class DockerSearchEndpoint
{
    public const int MaxResults = 100;

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/v1/search", SearchAsync).WithName("DockerSearch").WithSummary("Docker's v1 search: num_results, num_pages, page, page_size, query, results.");

    private static async Task<Ok<DockerSearchResponse>> SearchAsync(
        HttpContext context,
        RepositoryQueries queries,
        [FromQuery] string? q,
        [FromQuery] int? n,
        [FromQuery] int? page,
        CancellationToken cancellationToken)
    {
        var size = Math.Clamp(n is null or <= 0 ? 25 : n.Value, 1, MaxResults);
        var request = new RepositoryListRequest { Query = q, Sort = RepositorySort.Stars, Page = Math.Max(1, page ?? 1), PageSize = size };
        var result = await queries.ListAsync(request, IndexClaims.ToIndexPrincipal(context.User), cancellationToken);
        var items = result.Items.Select(r => new DockerSearchResult(r.Name, r.Description ?? string.Empty, r.StarCount, false, false)).ToList();
        return TypedResults.Ok(new DockerSearchResponse(result.Total, result.PageCount, result.Page, result.PageSize, q ?? string.Empty, items));
    }
}
