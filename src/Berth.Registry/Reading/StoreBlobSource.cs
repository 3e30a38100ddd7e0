using Berth.Registry.Blobs;
using Berth.Registry.Content;
using Berth.Registry.Names;

namespace Berth.Registry.Reading;

/// <summary>The plain registry: blobs come from the local store only.</summary>
internal sealed class StoreBlobSource(BlobStore blobs) : IBlobSource
{
    public async Task<BlobRead> OpenAsync(RepositoryName name, Digest digest, bool wantContent, CancellationToken cancellationToken) =>
        BlobRead.FromStore(wantContent ? await blobs.LocateAsync(name, digest, cancellationToken) : await blobs.StatAsync(name, digest, cancellationToken));
}
