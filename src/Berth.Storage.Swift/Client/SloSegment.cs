using System.Text.Json.Serialization;

namespace Berth.Storage.Swift.Client;

/// <summary>
/// A Static Large Object segment as a manifest PUT takes it. <see cref="Path"/> is "/container/object";
/// etag and size are null for a nested manifest, so Swift computes them instead of checking them.
/// </summary>
internal sealed record SloSegment(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("etag")] string? Etag,
    [property: JsonPropertyName("size_bytes")] long? SizeBytes);
