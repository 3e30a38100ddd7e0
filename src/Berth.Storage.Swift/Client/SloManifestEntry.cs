using System.Text.Json.Serialization;

namespace Berth.Storage.Swift.Client;

/// <summary>A segment as GET ?multipart-manifest=get returns it; <see cref="SubSlo"/> marks a nested manifest.</summary>
internal sealed record SloManifestEntry(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("hash")] string? Hash,
    [property: JsonPropertyName("bytes")] long Bytes,
    [property: JsonPropertyName("sub_slo")] bool SubSlo);
