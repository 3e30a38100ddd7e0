using System.Globalization;
using System.Text;
using Berth.Registry.Content;
using Berth.Registry.Layout;
using Berth.Registry.Names;
using Berth.Registry.Storage;
using Berth.Registry.Uploads;
using Berth.Storage;

namespace Berth.Registry.Consistency;

/// <summary>
/// The link checks of one repository: every tag, revision, layer and referrer link must name stored content, and every
/// stored manifest the repository holds must have its references stored. Missing links are not problems (a delete may
/// be under way); links naming missing content are, except a layer link no manifest of the repository references:
/// garbage collection leaves those behind on purpose (docs/gc.md) and they answer BLOB_UNKNOWN like any missing blob,
/// and, when sparse indexes are allowed, an index's child manifest that was never pushed.
/// </summary>
internal sealed class RepositoryChecker(StoreCheckRun run, StoreCheckOptions options, bool sparseIndexes, DateTimeOffset now)
{
    public async Task CheckAsync(RepositoryName name, IReadOnlySet<string> folders, CancellationToken cancellationToken)
    {
        run.CountRepository();
        var revisions = new HashSet<Digest>();
        var referenced = new HashSet<Digest>();
        if (folders.Contains(RegistryLayout.ManifestsFolder))
        {
            revisions = await ListDigestsAsync(RegistryLayout.ManifestRevisionsRoot(name), cancellationToken);
            foreach (var revision in revisions)
            {
                referenced.UnionWith(await CheckRevisionAsync(name, revision, cancellationToken));
            }

            await foreach (var tag in run.Driver.ListNamesAsync(RegistryLayout.TagsRoot(name), cancellationToken))
            {
                if (Tag.TryParse(tag, out var parsed))
                {
                    await CheckTagAsync(name, parsed, revisions, cancellationToken);
                }
            }
        }

        if (folders.Contains(RegistryLayout.LayersFolder))
        {
            foreach (var layer in await ListDigestsAsync(RegistryLayout.LayersRoot(name), cancellationToken))
            {
                run.CountLayerLink();
                var path = RegistryLayout.LayerLink(name, layer);
                if (referenced.Contains(layer))
                {
                    await CheckLinkAsync(StoreProblemKind.DanglingLayer, path, layer, cancellationToken);
                }
                else if (await ReadLinkAsync(path, layer, cancellationToken) is { } target && !await run.IsStoredAsync(target, cancellationToken))
                {
                    run.CountCollectedLayerLink();
                }
            }
        }

        if (folders.Contains(RegistryLayout.ReferrersFolder))
        {
            await CheckReferrersAsync(name, cancellationToken);
        }

        if (folders.Contains(RegistryLayout.UploadsFolder))
        {
            await CheckUploadsAsync(name, cancellationToken);
        }
    }

    /// <summary>Checks a revision and what its manifest references; returns those references.</summary>
    private async Task<List<Digest>> CheckRevisionAsync(RepositoryName name, Digest revision, CancellationToken cancellationToken)
    {
        run.CountRevision();
        var path = RegistryLayout.ManifestRevisionLink(name, revision);
        if (!await CheckLinkAsync(StoreProblemKind.DanglingRevision, path, revision, cancellationToken)
            || await run.ReadManifestAsync(revision, cancellationToken) is not { } manifest)
        {
            return [];
        }

        // A non-distributable (foreign) layer is fetched from its URLs, never pushed: the manifest put accepts it absent.
        var references = manifest.Layers.Where(d => !MediaTypes.IsNonDistributable(d.MediaType)).Concat(manifest.Manifests).Select(d => d.Digest);
        if (manifest.Config is { } config)
        {
            references = references.Append(config.Digest);
        }

        var distinct = references.Distinct().ToList();
        var children = manifest.Manifests.Select(d => d.Digest).ToHashSet();
        foreach (var reference in distinct)
        {
            if (await run.IsStoredAsync(reference, cancellationToken))
            {
                continue;
            }

            // Registry:Manifests:AllowSparseIndexes accepted the index without this child: absent by design, not damage.
            if (sparseIndexes && children.Contains(reference))
            {
                run.CountAbsentIndexChild();
            }
            else
            {
                run.Problem(StoreProblemKind.MissingReference, path, $"manifest {revision} references {reference}, which is not stored");
            }
        }

        return distinct;
    }

    private async Task CheckTagAsync(RepositoryName name, Tag tag, HashSet<Digest> revisions, CancellationToken cancellationToken)
    {
        var path = RegistryLayout.TagCurrentLink(name, tag);
        var content = await run.Driver.TryGetContentAsync(path, cancellationToken);
        if (content is null)
        {
            return;
        }

        run.CountTag();
        if (!Digest.TryParse(Encoding.UTF8.GetString(content).Trim(), out var target))
        {
            run.Problem(StoreProblemKind.UnreadableLink, path, "the tag's current link is not a digest");
        }
        else if (!await run.IsStoredAsync(target, cancellationToken))
        {
            run.Problem(StoreProblemKind.DanglingTag, path, $"tag {name}:{tag} points at {target}, which is not stored");
        }
        else if (!revisions.Contains(target) && !await run.Driver.ExistsAsync(RegistryLayout.ManifestRevisionLink(name, target), cancellationToken))
        {
            run.Problem(StoreProblemKind.DanglingTag, path, $"tag {name}:{tag} points at {target}, which is not a manifest of the repository");
        }
    }

    private async Task CheckReferrersAsync(RepositoryName name, CancellationToken cancellationToken)
    {
        var root = RegistryLayout.ReferrersRoot(name);
        foreach (var subject in await ListDigestsAsync(root, cancellationToken))
        {
            foreach (var referrer in await ListDigestsAsync(RegistryLayout.ReferrersOf(name, subject), cancellationToken))
            {
                run.CountReferrerLink();
                var path = RegistryLayout.ReferrerLink(name, subject, referrer);
                if (await run.Driver.ExistsAsync(path, cancellationToken) && !await run.IsStoredAsync(referrer, cancellationToken))
                {
                    run.Problem(StoreProblemKind.DanglingReferrer, path, $"referrer {referrer} of {subject} is not stored");
                }
            }
        }
    }

    private async Task CheckUploadsAsync(RepositoryName name, CancellationToken cancellationToken)
    {
        await foreach (var id in run.Driver.ListNamesAsync(RegistryLayout.UploadsRoot(name), cancellationToken))
        {
            if (!UploadId.IsValid(id))
            {
                continue;
            }

            var content = await run.Driver.TryGetContentAsync(RegistryLayout.UploadStartedAt(name, id), cancellationToken);
            DateTimeOffset? startedAt = content is not null
                && DateTimeOffset.TryParse(Encoding.UTF8.GetString(content), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                ? parsed
                : null;
            if (startedAt is null || now - startedAt > options.StaleUploadAge)
            {
                run.Stale(new StaleUpload(name.Value, id, startedAt));
            }
        }
    }

    /// <summary>Checks a link whose file name is its digest; false when it names missing content or is unreadable.</summary>
    private async Task<bool> CheckLinkAsync(StoreProblemKind kind, string path, Digest expected, CancellationToken cancellationToken)
    {
        if (await ReadLinkAsync(path, expected, cancellationToken) is not { } target)
        {
            return false;
        }

        if (!await run.IsStoredAsync(target, cancellationToken))
        {
            run.Problem(kind, path, $"{target} is not stored");
            return false;
        }

        return true;
    }

    /// <summary>The digest a link whose file name is its digest holds; null when it is missing or unreadable (a problem).</summary>
    private async Task<Digest?> ReadLinkAsync(string path, Digest expected, CancellationToken cancellationToken)
    {
        var content = await run.Driver.TryGetContentAsync(path, cancellationToken);
        if (content is null)
        {
            return null;
        }

        if (!Digest.TryParse(Encoding.UTF8.GetString(content).Trim(), out var target) || target != expected)
        {
            run.Problem(StoreProblemKind.UnreadableLink, path, $"the link does not hold its digest {expected}");
            return null;
        }

        return target;
    }

    /// <summary>The digests stored as &lt;root&gt;/&lt;alg&gt;/&lt;hex&gt;.</summary>
    private async Task<HashSet<Digest>> ListDigestsAsync(string root, CancellationToken cancellationToken)
    {
        var result = new HashSet<Digest>();
        await foreach (var algorithm in run.Driver.ListNamesAsync(root, cancellationToken))
        {
            await foreach (var hex in run.Driver.ListNamesAsync(StoragePath.Combine(root, algorithm), cancellationToken))
            {
                if (Digest.TryParse($"{algorithm}:{hex}", out var digest))
                {
                    result.Add(digest);
                }
            }
        }

        return result;
    }
}
