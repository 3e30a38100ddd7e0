using Berth.Registry.Content;
using Berth.Registry.Names;

namespace Berth.Registry.Reading;

/// <summary>
/// Where pulls read blobs from: the local store, or (in mirror mode) a pull-through cache that may stream a blob while
/// it is still being fetched. Throws BLOB_UNKNOWN when the blob is nowhere to be had.
/// </summary>
public interface IBlobSource
{
    Task<BlobRead> OpenAsync(RepositoryName name, Digest digest, BlobReadIntent intent, CancellationToken cancellationToken);
}
