using System.Collections.Concurrent;
using Berth.Registry.Layout;

namespace Berth.Registry.GarbageCollection;

/// <summary>
/// What processes that died mid-write left behind, older than the uploads a run expires: the driver's own remains
/// (partial files, open multipart uploads, staged blocks) and mirror fills that were never moved to their blob.
/// A live writer cannot be that old, because an upload that old is purged anyway and a fill lasts one download.
/// </summary>
internal sealed class GcAbandonedWritePurger(GcStorage storage)
{
    public async Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var fills = new ConcurrentBag<string>();
        await Task.WhenAll((await storage.ListNamesAsync(RegistryLayout.MirrorFillsRoot, cancellationToken)).Select(async id =>
        {
            if (await storage.TryStatAsync(RegistryLayout.MirrorFill(id), cancellationToken) is { } data && data.ModifiedAt < cutoff)
            {
                fills.Add(id);
            }
        }));
        await Task.WhenAll(fills.Select(id => storage.TryDeleteAsync(RegistryLayout.MirrorFillDirectory(id), cancellationToken)));
        var writes = await storage.Gate.RunAsync(() => storage.Driver.PurgeAbandonedWritesAsync("/", cutoff, cancellationToken), cancellationToken);
        return fills.Count + writes;
    }
}
