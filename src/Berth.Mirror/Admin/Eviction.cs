namespace Berth.Mirror.Admin;

/// <summary>The answer of DELETE /api/v1/mirror/cache/&lt;name&gt;: blobs (and manifests) whose content was deleted, and their bytes.</summary>
public sealed record Eviction(string Name, int Blobs, long Bytes);
