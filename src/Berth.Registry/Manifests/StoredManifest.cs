using Berth.Registry.Content;

namespace Berth.Registry.Manifests;

/// <summary>A manifest as stored: the exact bytes pushed, their digest and media type.</summary>
public sealed record StoredManifest(Digest Digest, string MediaType, byte[] Content);
