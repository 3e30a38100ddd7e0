using Berth.Registry.Content;

namespace Berth.Registry.Blobs;

/// <summary>A blob a repository may read: its digest, size and where the driver keeps its bytes.</summary>
public sealed record BlobInfo(Digest Digest, long Size, string StoragePath);
