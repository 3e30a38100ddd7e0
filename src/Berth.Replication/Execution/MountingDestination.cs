using Berth.Client;
using Berth.Client.Content;
using Berth.Client.Transports;

namespace Berth.Replication.Execution;

/// <summary>
/// A registry destination that mounts a missing blob from another repository of the same destination known to hold
/// it (<see cref="TargetBlobLocations"/>) before uploading it, and remembers where each blob now is.
/// </summary>
internal sealed class MountingDestination(IImageDestination inner, RegistryClient client, string registry, string repository, TargetBlobLocations locations)
    : IImageDestination
{
    public string? Tag => inner.Tag;

    public async Task<bool> HasBlobAsync(OciDescriptor blob, CancellationToken cancellationToken)
    {
        var has = await inner.HasBlobAsync(blob, cancellationToken);
        if (has)
        {
            locations.Remember(registry, blob.Digest, repository);
        }

        return has;
    }

    public async Task<bool> TryMountAsync(OciDescriptor blob, RegistryLocation from, CancellationToken cancellationToken)
    {
        if (locations.Find(registry, blob.Digest) is not { } holder || holder == repository)
        {
            return false;
        }

        try
        {
            var mounted = await client.MountBlobAsync(repository, blob.Digest, holder, cancellationToken);
            if (mounted)
            {
                locations.Remember(registry, blob.Digest, repository);
            }

            return mounted;
        }
        catch (RegistryClientException)
        {
            // A destination refusing the mount (no pull right on the other repository, say) still takes an upload.
            return false;
        }
    }

    public async Task<BlobWritten> WriteBlobAsync(Stream content, string? expectedDigest, CancellationToken cancellationToken)
    {
        var written = await inner.WriteBlobAsync(content, expectedDigest, cancellationToken);
        locations.Remember(registry, written.Digest, repository);
        return written;
    }

    public Task PutManifestAsync(ManifestResponse manifest, string? tag, bool topLevel, CancellationToken cancellationToken) =>
        inner.PutManifestAsync(manifest, tag, topLevel, cancellationToken);

    public Task CommitAsync(CancellationToken cancellationToken) => inner.CommitAsync(cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
