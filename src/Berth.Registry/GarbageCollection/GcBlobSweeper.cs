using System.Collections.Concurrent;
using Berth.Registry.Content;
using Berth.Registry.Layout;

namespace Berth.Registry.GarbageCollection;

/// <summary>
/// The blob half of the sweep. Unmarked blobs older than the grace period are set aside (moved out of /v1/blobs,
/// which is what a push checks after writing its revision link); after a second, later mark each set-aside blob is
/// either put back (something now references it) or deleted. Only set-aside objects are ever deleted.
/// </summary>
internal sealed class GcBlobSweeper(GcStorage storage)
{
    /// <summary>Every blob under /v1/blobs/&lt;alg&gt;/&lt;hex[0:2]&gt;/&lt;hex&gt;, listed a prefix folder at a time in parallel.</summary>
    public async Task<List<Digest>> ListStoredAsync(CancellationToken cancellationToken)
    {
        var result = new ConcurrentBag<Digest>();
        foreach (var algorithm in await storage.ListNamesAsync(RegistryLayout.BlobsRoot, cancellationToken))
        {
            var prefixes = await storage.ListNamesAsync(RegistryLayout.BlobAlgorithmRoot(algorithm), cancellationToken);
            await Task.WhenAll(prefixes.Select(async prefix =>
            {
                foreach (var hex in await storage.ListNamesAsync(RegistryLayout.BlobPrefixRoot(algorithm, prefix), cancellationToken))
                {
                    if (Digest.TryParse($"{algorithm}:{hex}", out var digest))
                    {
                        result.Add(digest);
                    }
                }
            }));
        }

        return [.. result];
    }

    public Task<HashSet<Digest>> ListSetAsideAsync(CancellationToken cancellationToken) =>
        storage.ListDigestsAsync(RegistryLayout.CondemnedBlobsRoot, cancellationToken);

    /// <summary>The unmarked blobs whose data was last modified before <paramref name="cutoff"/>, with their sizes.</summary>
    public async Task<List<CollectedBlob>> FindUnusedAsync(IEnumerable<Digest> stored, IReadOnlySet<Digest> marked, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var unmarked = stored.Where(d => !marked.Contains(d)).ToList();
        var stats = await Task.WhenAll(unmarked.Select(d => storage.TryStatAsync(RegistryLayout.BlobData(d), cancellationToken)));
        return [.. unmarked
            .Select((digest, i) => (digest, info: stats[i]))
            .Where(x => x.info is { } info && info.ModifiedAt < cutoff)
            .Select(x => new CollectedBlob(x.digest, x.info!.Size))];
    }

    public async Task<long> SizeOfSetAsideAsync(Digest digest, CancellationToken cancellationToken) =>
        (await storage.TryStatAsync(RegistryLayout.CondemnedBlob(digest), cancellationToken))?.Size ?? 0;

    public async Task SetAsideAsync(IEnumerable<CollectedBlob> blobs, CancellationToken cancellationToken) =>
        await Task.WhenAll(blobs.Select(b => storage.TryMoveAsync(RegistryLayout.BlobData(b.Digest), RegistryLayout.CondemnedBlob(b.Digest), cancellationToken)));

    /// <summary>Puts back what <paramref name="marked"/> uses and deletes the rest; returns the deleted and the restored count.</summary>
    public async Task<(List<CollectedBlob> Deleted, List<Digest> Restored)> FinishAsync(IEnumerable<Digest> setAside, IReadOnlySet<Digest> marked, CancellationToken cancellationToken)
    {
        var deleted = new ConcurrentBag<CollectedBlob>();
        var restored = new ConcurrentBag<Digest>();
        await Task.WhenAll(setAside.Select(async digest =>
        {
            var aside = RegistryLayout.CondemnedBlob(digest);
            if (marked.Contains(digest))
            {
                // A push may have uploaded the blob again meanwhile: the same bytes, so either copy serves.
                if (await storage.TryStatAsync(RegistryLayout.BlobData(digest), cancellationToken) is not null)
                {
                    await storage.TryDeleteAsync(aside, cancellationToken);
                }
                else
                {
                    await storage.TryMoveAsync(aside, RegistryLayout.BlobData(digest), cancellationToken);
                }

                restored.Add(digest);
                return;
            }

            var size = await SizeOfSetAsideAsync(digest, cancellationToken);
            if (await storage.TryDeleteAsync(aside, cancellationToken))
            {
                deleted.Add(new CollectedBlob(digest, size));
            }
        }));
        return ([.. deleted], [.. restored]);
    }
}
