using System.Collections.Concurrent;

namespace Berth.Storage.Swift.Writing;

/// <summary>
/// Segments of writers whose process died before they closed or committed: nothing names them. A segment is named
/// after the path it was written for, but a move shares it with the destination's manifest, so whether one is used is
/// known only from an inventory: every Static Large Object manifest in the container and every closed writer's record.
/// Only segments older than the cutoff are candidates, and the inventory is taken only when there are some. A move of
/// an object older than the cutoff running during the listing could hide its manifest from it; only garbage
/// collection moves content that old, and it is the caller.
/// </summary>
internal static class SwiftAbandonedSegments
{
    private const int InventoryParallelism = 8;

    public static async Task<int> PurgeAsync(SwiftWriterSettings settings, string relativeDirectory, DateTimeOffset startedBefore, CancellationToken cancellationToken)
    {
        var store = settings.Store;
        var candidates = new List<string>();
        await foreach (var entry in store.ListAsync(settings.SegmentContainer, settings.Prefix + "segments/" + relativeDirectory, null, cancellationToken))
        {
            if (entry.Name is { } name && entry.LastModified is { } modified && new DateTimeOffset(DateTime.SpecifyKind(modified, DateTimeKind.Utc)) < startedBefore)
            {
                candidates.Add("/" + settings.SegmentContainer + "/" + name);
            }
        }

        if (candidates.Count == 0)
        {
            return 0;
        }

        var used = await InventoryAsync(settings, cancellationToken);
        var abandoned = candidates.Where(c => !used.ContainsKey(c)).ToList();
        await store.DeleteObjectsAsync(abandoned, cancellationToken);
        return abandoned.Count;
    }

    private static async Task<ConcurrentDictionary<string, bool>> InventoryAsync(SwiftWriterSettings settings, CancellationToken cancellationToken)
    {
        var store = settings.Store;
        var used = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var options = new ParallelOptions { MaxDegreeOfParallelism = InventoryParallelism, CancellationToken = cancellationToken };
        var manifests = store.ListAsync(settings.Container, settings.Prefix, null, cancellationToken).Where(e => e.SloEtag is not null && e.Name is not null);
        await Parallel.ForEachAsync(manifests, options, async (entry, ct) =>
        {
            foreach (var name in (await store.GetLayoutAsync(settings.Container, entry.Name!, ct)).AllObjects)
            {
                used.TryAdd(name, true);
            }
        });
        var pending = store.ListAsync(settings.SegmentContainer, settings.Prefix + "pending/", null, cancellationToken).Where(e => e.Name is not null);
        await Parallel.ForEachAsync(pending, options, async (entry, ct) =>
        {
            foreach (var segment in await SwiftPendingUploads.ReadAsync(store, settings.SegmentContainer, entry.Name!, ct) ?? [])
            {
                used.TryAdd(segment.Path, true);
            }
        });
        return used;
    }
}
