using Berth.Registry.Blobs;
using Berth.Registry.Content;
using Berth.Registry.Names;

namespace Berth.Registry.Reading;

/// <summary>The plain registry: blobs come from the local store only.</summary>
internal sealed class StoreBlobSource(BlobStore blobs) : IBlobSource
{
    public async Task<BlobRead> OpenAsync(RepositoryName name, Digest digest, BlobReadIntent intent, CancellationToken cancellationToken)
    {
        switch (intent)
        {
            case BlobReadIntent.Head:
                return BlobRead.FromStore(await blobs.StatAsync(name, digest, cancellationToken));
            case BlobReadIntent.Open:
                var (blob, content) = await blobs.OpenAsync(name, digest, cancellationToken);
                return BlobRead.FromStore(blob, content);
            default:
                return BlobRead.FromStore(await blobs.LocateAsync(name, digest, cancellationToken));
        }
    }
}
