namespace Berth.Index.Repositories;

/// <summary>One manifest of an index and its platform ("linux/arm64/v8"), when the index says.</summary>
public sealed record PlatformManifest(string MediaType, string Digest, long Size, string? Platform);
