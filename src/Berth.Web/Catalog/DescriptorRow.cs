namespace Berth.Web.Catalog;

/// <summary>
/// A content descriptor: a layer, a config, or a platform manifest of an index (with its platform, and whether the
/// repository holds it: a sparse index names platform manifests that were never pushed).
/// </summary>
public sealed record DescriptorRow(string MediaType, string Digest, long Size, string? Platform, bool Pushed = true);
