namespace Berth.Web.Catalog;

/// <summary>A content descriptor: a layer, a config, or a platform manifest of an index (with its platform).</summary>
public sealed record DescriptorRow(string MediaType, string Digest, long Size, string? Platform);
