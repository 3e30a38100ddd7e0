using System.Text.Json.Serialization;

namespace Berth.Client.Content;

/// <summary>The OCI error body: {"errors":[{"code":…,"message":…}]}.</summary>
internal sealed record ErrorEnvelope([property: JsonPropertyName("errors")] IReadOnlyList<ErrorEnvelope.Entry>? Errors)
{
    internal sealed record Entry(
        [property: JsonPropertyName("code")] string? Code,
        [property: JsonPropertyName("message")] string? Message);
}
