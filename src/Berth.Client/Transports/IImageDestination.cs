using Berth.Client.Content;

namespace Berth.Client.Transports;

/// <summary>Where a copy writes an image: blobs first, then manifests, then <see cref="CommitAsync"/>.</summary>
public interface IImageDestination : IAsyncDisposable
{
    /// <summary>True when the destination already holds the blob (it is skipped).</summary>
    Task<bool> HasBlobAsync(OciDescriptor blob, CancellationToken cancellationToken);

    /// <summary>Mounts the blob from another repository of the same registry; false when that is not possible.</summary>
    Task<bool> TryMountAsync(OciDescriptor blob, RegistryLocation from, CancellationToken cancellationToken);

    /// <summary>
    /// Streams a blob in. When <paramref name="expectedDigest"/> is null the digest is computed on the way (a layer
    /// being compressed) and returned; otherwise a mismatch fails the write and nothing becomes visible.
    /// </summary>
    Task<BlobWritten> WriteBlobAsync(Stream content, string? expectedDigest, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a manifest (by its digest), tagged when <paramref name="tag"/> is given. <paramref name="topLevel"/> is
    /// false for the platform manifests of an index (a layout lists only top-level manifests in index.json).
    /// </summary>
    Task PutManifestAsync(ManifestResponse manifest, string? tag, bool topLevel, CancellationToken cancellationToken);

    /// <summary>
    /// True when layers must be stored uncompressed (a docker-archive, as `docker save` writes it): the copier then
    /// decompresses gzip and zstd layers on the way and rewrites the manifest with their diff-ids.
    /// </summary>
    bool UncompressedLayers => false;

    /// <summary>The tag the location names, for the root manifest (null: by digest only).</summary>
    string? Tag { get; }

    /// <summary>Makes what was written visible (a layout's index.json); registries need nothing.</summary>
    Task CommitAsync(CancellationToken cancellationToken);
}

/// <summary>What a blob write stored: its digest and length.</summary>
public sealed record BlobWritten(string Digest, long Size);
