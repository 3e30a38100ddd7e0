using System.Text.Json.Serialization;

namespace Berth.Index.Api;

internal sealed record DockerSearchResult(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("star_count")] int StarCount,
    [property: JsonPropertyName("is_official")] bool IsOfficial,
    [property: JsonPropertyName("is_automated")] bool IsAutomated);
