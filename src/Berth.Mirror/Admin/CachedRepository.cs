namespace Berth.Mirror.Admin;

/// <summary>What the mirror holds of one repository: its tags, and the manifests and blobs linked to it with their bytes.</summary>
public sealed record CachedRepository(string Name, IReadOnlyList<string> Tags, int Manifests, int Blobs, long Bytes);
