using System.Text.Json.Serialization;

namespace Berth.Index.Api;

/// <summary>The v1 search answer docker and podman read (Docker Hub's shape).</summary>
internal sealed record DockerSearchResponse(
    [property: JsonPropertyName("num_results")] int NumResults,
    [property: JsonPropertyName("num_pages")] int NumPages,
    [property: JsonPropertyName("page")] int Page,
    [property: JsonPropertyName("page_size")] int PageSize,
    [property: JsonPropertyName("query")] string Query,
    [property: JsonPropertyName("results")] IReadOnlyList<DockerSearchResult> Results);
