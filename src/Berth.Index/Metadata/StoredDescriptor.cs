namespace Berth.Index.Metadata;

/// <summary>A layer, config or child manifest as kept in the JSON columns of <see cref="Data.ManifestRecord"/>.</summary>
internal sealed record StoredDescriptor(string MediaType, string Digest, long Size, string? Platform = null);
