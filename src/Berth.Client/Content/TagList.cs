using System.Text.Json.Serialization;

namespace Berth.Client.Content;

internal sealed record TagList(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("tags")] IReadOnlyList<string>? Tags);
