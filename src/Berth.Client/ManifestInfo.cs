namespace Berth.Client;

/// <summary>What a HEAD on a manifest tells: its digest, media type and length.</summary>
public sealed record ManifestInfo(string? Digest, string? MediaType, long? Length);
