using System.Text.Json.Serialization;

namespace Berth.Client.Content;

internal sealed record Catalog([property: JsonPropertyName("repositories")] IReadOnlyList<string>? Repositories);
