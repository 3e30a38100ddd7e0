namespace Berth.Client;

/// <summary>A manifest as the registry served it: the exact bytes, their media type and digest.</summary>
public sealed record ManifestResponse(byte[] Content, string MediaType, string? Digest);
