using System.Collections.Concurrent;
using Berth.Registry.Content;
using Berth.Registry.Layout;

namespace Berth.Registry.GarbageCollection;

/// <summary>
/// The manifest half of the sweep: revision links no root reaches are set aside (moved under _manifests/condemned,
/// so a push of an index that names them fails its check instead of succeeding), then after the second mark put back
/// or deleted with the referrer entry that listed them.
/// </summary>
internal sealed class GcRevisionSweeper(GcStorage storage, GcManifestReader reader)
{
    public static List<CollectedManifest> FindUnreachable(GcMark mark) =>
        [.. mark.Repositories.SelectMany(r => r.Unreachable.Select(d => new CollectedManifest(r.Name.Value, d)))];

    /// <summary>Revisions set aside by a run that did not finish, and that the mark did not find reachable.</summary>
    public static List<CollectedManifest> FindLeftovers(GcMark mark) =>
        [.. mark.Repositories.SelectMany(r => r.Condemned.Where(d => !r.Reachable.Contains(d)).Select(d => new CollectedManifest(r.Name.Value, d)))];

    public async Task SetAsideAsync(IEnumerable<CollectedManifest> manifests, CancellationToken cancellationToken) =>
        await Task.WhenAll(manifests.Select(m =>
        {
            var name = Names.RepositoryName.Parse(m.Repository);
            return storage.TryMoveAsync(RegistryLayout.ManifestRevisionLink(name, m.Digest), RegistryLayout.CondemnedRevision(name, m.Digest), cancellationToken);
        }));

    /// <summary>Puts back the set-aside revisions the second mark reached (or a push wrote again) and deletes the others.</summary>
    public async Task<(List<CollectedManifest> Deleted, List<Digest> Restored)> FinishAsync(GcMark mark, CancellationToken cancellationToken)
    {
        var deleted = new ConcurrentBag<CollectedManifest>();
        var restored = new ConcurrentBag<Digest>();
        await Task.WhenAll(mark.Repositories.SelectMany(r => r.Condemned.Select(async digest =>
        {
            var aside = RegistryLayout.CondemnedRevision(r.Name, digest);
            var live = RegistryLayout.ManifestRevisionLink(r.Name, digest);
            if (await storage.TryStatAsync(live, cancellationToken) is not null)
            {
                await storage.TryDeleteAsync(aside, cancellationToken);
                return;
            }

            if (r.Reachable.Contains(digest))
            {
                await storage.TryMoveAsync(aside, live, cancellationToken);
                restored.Add(digest);
                return;
            }

            if ((await reader.ReadAsync(digest, cancellationToken))?.Subject is { } subject)
            {
                await storage.TryDeleteAsync(RegistryLayout.ReferrerDirectory(r.Name, subject.Digest, digest), cancellationToken);
            }

            if (await storage.TryDeleteAsync(aside, cancellationToken))
            {
                deleted.Add(new CollectedManifest(r.Name.Value, digest));
            }
        })));
        return ([.. deleted], [.. restored]);
    }
}
