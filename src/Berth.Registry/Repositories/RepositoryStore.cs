using Berth.Registry.Blobs;
using Berth.Registry.Layout;
using Berth.Registry.Manifests;
using Berth.Registry.Names;
using Berth.Registry.Quotas;
using Berth.Registry.Storage;
using Berth.Storage;

namespace Berth.Registry.Repositories;

/// <summary>
/// Whole-repository operations. Deleting a repository removes its tags, revisions, layer links, referrer entries and
/// uploads, but not repositories nested under its name ("a/b" keeps "a/b/c"); blob content stays until garbage
/// collection finds no other repository using it.
/// </summary>
public sealed class RepositoryStore(IStorageDriver driver, ManifestCache cache, BlobStore blobs, StorageUsage usage)
{
    /// <summary>Deletes the repository; false when it did not exist.</summary>
    public async Task<bool> DeleteAsync(RepositoryName name, CancellationToken cancellationToken)
    {
        var deleted = false;
        foreach (var folder in RegistryLayout.RepositoryFolders)
        {
            deleted |= await driver.TryDeleteAsync(RegistryLayout.RepositoryFolder(name, folder), cancellationToken);
        }

        cache.Forget(name);
        blobs.ForgetRepository(name);
        usage.Forget(name.Namespace);
        return deleted;
    }
}
