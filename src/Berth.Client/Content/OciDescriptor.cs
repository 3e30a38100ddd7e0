using System.Text.Json.Serialization;

namespace Berth.Client.Content;

/// <summary>An OCI content descriptor: what a manifest says about one blob.</summary>
public sealed record OciDescriptor(
    [property: JsonPropertyName("mediaType")] string MediaType,
    [property: JsonPropertyName("digest")] string Digest,
    [property: JsonPropertyName("size")] long Size);
