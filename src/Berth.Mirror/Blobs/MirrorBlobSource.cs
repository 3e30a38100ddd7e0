using Berth.Mirror.Diagnostics;
using Berth.Mirror.Upstream;
using Berth.Registry;
using Berth.Registry.Blobs;
using Berth.Registry.Content;
using Berth.Registry.Names;
using Berth.Registry.Reading;
using Microsoft.Extensions.Options;

namespace Berth.Mirror.Blobs;

/// <summary>
/// Blobs in mirror mode: from the store when this repository has them (cached forever: a digest never changes), else
/// from the upstream through a shared <see cref="BlobFills"/> fetch.
/// </summary>
internal sealed class MirrorBlobSource(
    BlobStore blobs,
    BlobFills fills,
    UpstreamRegistry upstream,
    MirrorMetrics metrics,
    IOptions<MirrorOptions> options) : IBlobSource
{
    public async Task<BlobRead> OpenAsync(RepositoryName name, Digest digest, BlobReadIntent intent, CancellationToken cancellationToken)
    {
        var wantContent = intent != BlobReadIntent.Head;
        if (options.Value.IsLocal(name))
        {
            return BlobRead.FromStore(await blobs.StatAsync(name, digest, cancellationToken));
        }

        if (await TryStatAsync(name, digest, cancellationToken) is { } stored)
        {
            return Hit(stored, wantContent);
        }

        if (!wantContent)
        {
            var length = await UpstreamLengthAsync(name, digest, cancellationToken);
            return BlobRead.Streamed(null, length < 0 ? null : length);
        }

        if (await blobs.ExistsAsync(digest, cancellationToken))
        {
            // Stored for another repository: link it here without a download, once the upstream says this repository has it.
            await UpstreamLengthAsync(name, digest, cancellationToken);
            await blobs.LinkAsync(name, digest, cancellationToken);
            return Hit(await blobs.StatAsync(name, digest, cancellationToken), wantContent);
        }

        for (var attempt = 0; attempt < 2; attempt++)
        {
            if (await fills.OpenAsync(name, digest, cancellationToken) is { } streamed)
            {
                return streamed;
            }

            // The fill this request found had just ended: the blob is stored now, unless that fill failed.
            if (await TryStatAsync(name, digest, cancellationToken) is { } filled)
            {
                return Hit(filled, wantContent);
            }
        }

        throw BlobUnknown(digest);
    }

    private BlobRead Hit(BlobInfo blob, bool wantContent)
    {
        metrics.Hit("blob");
        if (wantContent)
        {
            metrics.ServedBytes(blob.Size);
        }

        return BlobRead.FromStore(blob);
    }

    private async Task<BlobInfo?> TryStatAsync(RepositoryName name, Digest digest, CancellationToken cancellationToken)
    {
        try
        {
            return await blobs.StatAsync(name, digest, cancellationToken);
        }
        catch (RegistryException e) when (e.Code == RegistryErrorCode.BlobUnknown)
        {
            return null;
        }
    }

    private async Task<long> UpstreamLengthAsync(RepositoryName name, Digest digest, CancellationToken cancellationToken)
    {
        try
        {
            return await upstream.GetBlobLengthAsync(name, digest, cancellationToken) ?? throw BlobUnknown(digest);
        }
        catch (UpstreamUnreachableException e)
        {
            throw new RegistryException(RegistryErrorCode.Unavailable, $"Blob {digest} is not cached and {e.Message}", null);
        }
    }

    private static RegistryException BlobUnknown(Digest digest) =>
        new(RegistryErrorCode.BlobUnknown, $"Blob {digest} is unknown here and upstream.", new { digest = digest.ToString() });
}
