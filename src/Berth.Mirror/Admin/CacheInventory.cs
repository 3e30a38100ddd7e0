using Berth.Registry.Catalog;
using Berth.Registry.Content;
using Berth.Registry.Layout;
using Berth.Registry.Manifests;
using Berth.Registry.Names;
using Berth.Registry.Storage;
using Berth.Storage;
using Microsoft.Extensions.Options;

namespace Berth.Mirror.Admin;

/// <summary>
/// Reads what the mirror has cached, per repository, from the registry layout, and evicts a repository: its links go,
/// and so does the content of every blob and manifest no other repository links.
/// </summary>
internal sealed class CacheInventory(IStorageDriver driver, RepositoryCatalog catalog, ManifestCache manifestCache, IOptions<MirrorOptions> options)
{
    public async Task<IReadOnlyList<CachedRepository>> ListAsync(CancellationToken cancellationToken)
    {
        var result = new List<CachedRepository>();
        foreach (var repository in await catalog.ListAsync(cancellationToken))
        {
            if (!options.Value.IsLocal(repository))
            {
                result.Add(await DescribeAsync(RepositoryName.Parse(repository), cancellationToken));
            }
        }

        return result;
    }

    public async Task<CachedRepository> DescribeAsync(RepositoryName name, CancellationToken cancellationToken)
    {
        var tags = new List<string>();
        await foreach (var tag in driver.ListNamesAsync(RegistryLayout.TagsRoot(name), cancellationToken))
        {
            tags.Add(tag);
        }

        tags.Sort(StringComparer.Ordinal);
        var manifests = await LinkedAsync(RegistryLayout.ManifestRevisionsRoot(name), cancellationToken);
        var blobs = await LinkedAsync(RegistryLayout.LayersRoot(name), cancellationToken);
        long bytes = 0;
        foreach (var digest in manifests.Concat(blobs).Distinct())
        {
            bytes += (await driver.TryStatAsync(RegistryLayout.BlobData(digest), cancellationToken))?.Size ?? 0;
        }

        return new CachedRepository(name.Value, tags, manifests.Count, blobs.Count, bytes);
    }

    public async Task<Eviction> EvictAsync(RepositoryName name, CancellationToken cancellationToken)
    {
        var digests = (await LinkedAsync(RegistryLayout.ManifestRevisionsRoot(name), cancellationToken))
            .Concat(await LinkedAsync(RegistryLayout.LayersRoot(name), cancellationToken))
            .Distinct()
            .ToList();
        await driver.TryDeleteAsync(RegistryLayout.Repository(name), cancellationToken);
        manifestCache.Forget(name);

        var others = (await catalog.ListAsync(cancellationToken)).Select(RepositoryName.Parse).ToList();
        var deleted = 0;
        long bytes = 0;
        foreach (var digest in digests)
        {
            if (await IsLinkedElsewhereAsync(digest, others, cancellationToken))
            {
                continue;
            }

            var size = (await driver.TryStatAsync(RegistryLayout.BlobData(digest), cancellationToken))?.Size ?? 0;
            if (await driver.TryDeleteAsync(RegistryLayout.BlobDirectory(digest), cancellationToken))
            {
                deleted++;
                bytes += size;
            }
        }

        return new Eviction(name.Value, deleted, bytes);
    }

    private async Task<bool> IsLinkedElsewhereAsync(Digest digest, IReadOnlyList<RepositoryName> repositories, CancellationToken cancellationToken)
    {
        foreach (var repository in repositories)
        {
            if (await driver.ExistsAsync(RegistryLayout.LayerLink(repository, digest), cancellationToken)
                || await driver.ExistsAsync(RegistryLayout.ManifestRevisionLink(repository, digest), cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The digests linked under a root laid out as &lt;alg&gt;/&lt;hex&gt;/link.</summary>
    private async Task<List<Digest>> LinkedAsync(string root, CancellationToken cancellationToken)
    {
        var digests = new List<Digest>();
        await foreach (var algorithm in driver.ListNamesAsync(root, cancellationToken))
        {
            await foreach (var hex in driver.ListNamesAsync($"{root}/{algorithm}", cancellationToken))
            {
                if (Digest.TryParse($"{algorithm}:{hex}", out var digest))
                {
                    digests.Add(digest);
                }
            }
        }

        return digests;
    }
}
