using System.Text.Json;
using System.Text.Json.Serialization;

namespace Berth.Client.Content;

/// <summary>The parts of an OCI image manifest the client needs: its config and layers.</summary>
public sealed record OciManifest(
    [property: JsonPropertyName("schemaVersion")] int SchemaVersion,
    [property: JsonPropertyName("mediaType")] string MediaType,
    [property: JsonPropertyName("config")] OciDescriptor Config,
    [property: JsonPropertyName("layers")] IReadOnlyList<OciDescriptor> Layers)
{
    public static OciManifest Parse(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, OciJsonContext.Default.OciManifest)
        ?? throw new JsonException("The manifest is JSON null.");

    public byte[] ToJsonBytes() => JsonSerializer.SerializeToUtf8Bytes(this, OciJsonContext.Default.OciManifest);
}
