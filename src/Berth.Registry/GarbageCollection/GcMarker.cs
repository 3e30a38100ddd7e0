using System.Collections.Concurrent;
using Berth.Registry.Content;
using Berth.Registry.Layout;
using Berth.Registry.Names;
using Berth.Registry.Uploads;

namespace Berth.Registry.GarbageCollection;

/// <summary>
/// The mark: walks every repository and follows, from each root (a tag's current manifest; with untagged deletion on,
/// also every revision pushed within the protection window), index children and referrers; every manifest reached
/// and every config and layer it names is in use. Repositories are marked concurrently through the run's gate.
/// </summary>
internal sealed class GcMarker(GcStorage storage, GcManifestReader reader, GarbageCollectionOptions options)
{
    public async Task<GcMark> MarkAsync(DateTimeOffset runStart, CancellationToken cancellationToken)
    {
        var repositories = new ConcurrentBag<(RepositoryName Name, HashSet<string> Folders)>();
        await FindRepositoriesAsync(RegistryLayout.RepositoriesRoot, string.Empty, repositories, cancellationToken);
        var blobs = new ConcurrentDictionary<Digest, byte>();
        var marks = await Task.WhenAll(repositories.Select(r => MarkRepositoryAsync(r.Name, r.Folders, runStart, blobs, cancellationToken)));
        return new GcMark(blobs.Keys.ToHashSet(), marks);
    }

    /// <summary>A repository is a folder holding any of the '_' folders; its name components never start with '_'.</summary>
    private async Task FindRepositoriesAsync(string path, string prefix, ConcurrentBag<(RepositoryName, HashSet<string>)> result, CancellationToken cancellationToken)
    {
        var children = await storage.ListNamesAsync(path, cancellationToken);
        var folders = children.Where(c => c.StartsWith('_')).ToHashSet(StringComparer.Ordinal);
        if (folders.Count > 0 && RepositoryName.TryParse(prefix, out var name))
        {
            result.Add((name, folders));
        }

        await Task.WhenAll(children
            .Where(c => !c.StartsWith('_'))
            .Select(c => FindRepositoriesAsync(RegistryLayout.RepositoryTree(prefix.Length == 0 ? c : $"{prefix}/{c}"), prefix.Length == 0 ? c : $"{prefix}/{c}", result, cancellationToken)));
    }

    private async Task<GcRepositoryMark> MarkRepositoryAsync(
        RepositoryName name,
        HashSet<string> folders,
        DateTimeOffset runStart,
        ConcurrentDictionary<Digest, byte> blobs,
        CancellationToken cancellationToken)
    {
        HashSet<Digest> revisions = [];
        HashSet<Digest> condemned = [];
        var roots = new List<Digest>();
        if (folders.Contains(RegistryLayout.ManifestsFolder))
        {
            var manifestFolders = await storage.ListNamesAsync(RegistryLayout.Manifests(name), cancellationToken);
            if (manifestFolders.Contains(RegistryLayout.TagsFolder))
            {
                var tags = await storage.ListNamesAsync(RegistryLayout.TagsRoot(name), cancellationToken);
                var targets = await Task.WhenAll(tags
                    .Where(t => Tag.TryParse(t, out _))
                    .Select(t => storage.TryReadLinkAsync(RegistryLayout.TagCurrentLink(name, Tag.Parse(t)), cancellationToken)));
                roots.AddRange(targets.OfType<Digest>());
            }

            if (manifestFolders.Contains(RegistryLayout.RevisionsFolder))
            {
                revisions = await storage.ListDigestsAsync(RegistryLayout.ManifestRevisionsRoot(name), cancellationToken);
            }

            if (manifestFolders.Contains(RegistryLayout.CondemnedFolder))
            {
                condemned = await storage.ListDigestsAsync(RegistryLayout.CondemnedRevisionsRoot(name), cancellationToken);
            }
        }

        var subjects = folders.Contains(RegistryLayout.ReferrersFolder)
            ? await storage.ListDigestsAsync(RegistryLayout.ReferrersRoot(name), cancellationToken)
            : [];
        var reachable = new HashSet<Digest>();
        if (!options.DeleteUntaggedManifests)
        {
            roots.AddRange(revisions);
        }

        await FollowAsync(name, roots, subjects, reachable, blobs, cancellationToken);
        var unreachable = new HashSet<Digest>();
        if (options.DeleteUntaggedManifests)
        {
            var (recent, old) = await AgesAsync(name, revisions.Except(reachable), runStart, cancellationToken);
            await FollowAsync(name, recent, subjects, reachable, blobs, cancellationToken);
            unreachable.UnionWith(old.Where(d => !reachable.Contains(d)));
        }

        var uploads = folders.Contains(RegistryLayout.UploadsFolder)
            ? (await storage.ListNamesAsync(RegistryLayout.UploadsRoot(name), cancellationToken)).Where(UploadId.IsValid).ToList()
            : [];
        return new GcRepositoryMark(name, revisions, condemned, reachable, unreachable, uploads);
    }

    /// <summary>
    /// Splits revisions by the age of their link (a listed revision without a link is neither). Recent ones are roots:
    /// a push writes the link before its tag, and an untagged push may be the first half of an index push. The window
    /// is never shorter than the grace period.
    /// </summary>
    private async Task<(List<Digest> Recent, List<Digest> Old)> AgesAsync(RepositoryName name, IEnumerable<Digest> candidates, DateTimeOffset runStart, CancellationToken cancellationToken)
    {
        var window = options.UntaggedManifestAge > options.GracePeriod ? options.UntaggedManifestAge : options.GracePeriod;
        var cutoff = runStart - window;
        var list = candidates.ToList();
        var stats = await Task.WhenAll(list.Select(d => storage.TryStatAsync(RegistryLayout.ManifestRevisionLink(name, d), cancellationToken)));
        return (
            [.. list.Where((_, i) => stats[i] is { } info && info.ModifiedAt > cutoff)],
            [.. list.Where((_, i) => stats[i] is { } info && info.ModifiedAt <= cutoff)]);
    }

    private async Task FollowAsync(
        RepositoryName name,
        IEnumerable<Digest> roots,
        HashSet<Digest> subjects,
        HashSet<Digest> reachable,
        ConcurrentDictionary<Digest, byte> blobs,
        CancellationToken cancellationToken)
    {
        var frontier = roots.Where(reachable.Add).ToList();
        while (frontier.Count > 0)
        {
            var manifests = await Task.WhenAll(frontier.Select(d => reader.ReadAsync(d, cancellationToken)));
            var referrers = await Task.WhenAll(frontier.Select(d => subjects.Contains(d)
                ? storage.ListDigestsAsync(RegistryLayout.ReferrersOf(name, d), cancellationToken)
                : Task.FromResult(new HashSet<Digest>())));
            var next = new List<Digest>();
            for (var i = 0; i < frontier.Count; i++)
            {
                blobs.TryAdd(frontier[i], 0);
                if (manifests[i] is { } manifest)
                {
                    if (manifest.Config is { } config)
                    {
                        blobs.TryAdd(config.Digest, 0);
                    }

                    foreach (var layer in manifest.Layers)
                    {
                        blobs.TryAdd(layer.Digest, 0);
                    }

                    next.AddRange(manifest.Manifests.Select(m => m.Digest).Where(reachable.Add));
                }

                next.AddRange(referrers[i].Where(reachable.Add));
            }

            frontier = next;
        }
    }
}
