using System.Text.Json.Serialization;

namespace Berth.Storage.Swift.Client;

/// <summary>One row of a JSON container listing: an object, or with a delimiter a "subdir" prefix.</summary>
internal sealed record SwiftListingEntry(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("subdir")] string? Subdir,
    [property: JsonPropertyName("bytes")] long Bytes,
    [property: JsonPropertyName("last_modified")] DateTime? LastModified,
    [property: JsonPropertyName("slo_etag")] string? SloEtag);
