using Berth.Registry.Content;
using Berth.Registry.Storage;
using Berth.Storage;

namespace Berth.Registry.GarbageCollection;

/// <summary>The driver calls of a run, each through the run's gate.</summary>
internal sealed class GcStorage(IStorageDriver driver, GcGate gate)
{
    public IStorageDriver Driver => driver;

    public GcGate Gate => gate;

    public Task<List<string>> ListNamesAsync(string path, CancellationToken cancellationToken) =>
        gate.RunAsync(
            async () =>
            {
                var names = new List<string>();
                await foreach (var name in driver.ListNamesAsync(path, cancellationToken))
                {
                    names.Add(name);
                }

                return names;
            },
            cancellationToken);

    /// <summary>The digests stored as &lt;root&gt;/&lt;alg&gt;/&lt;hex&gt; (revision links, referrers, set-aside blobs).</summary>
    public async Task<HashSet<Digest>> ListDigestsAsync(string root, CancellationToken cancellationToken)
    {
        var result = new HashSet<Digest>();
        foreach (var algorithm in await ListNamesAsync(root, cancellationToken))
        {
            foreach (var hex in await ListNamesAsync(StoragePath.Combine(root, algorithm), cancellationToken))
            {
                if (Digest.TryParse($"{algorithm}:{hex}", out var digest))
                {
                    result.Add(digest);
                }
            }
        }

        return result;
    }

    public Task<StorageObjectInfo?> TryStatAsync(string path, CancellationToken cancellationToken) =>
        gate.RunAsync(() => driver.TryStatAsync(path, cancellationToken), cancellationToken);

    public Task<Digest?> TryReadLinkAsync(string path, CancellationToken cancellationToken) =>
        gate.RunAsync(() => driver.TryReadLinkAsync(path, cancellationToken), cancellationToken);

    public Task<byte[]?> TryGetContentAsync(string path, CancellationToken cancellationToken) =>
        gate.RunAsync(() => driver.TryGetContentAsync(path, cancellationToken), cancellationToken);

    public Task<bool> TryDeleteAsync(string path, CancellationToken cancellationToken) =>
        gate.RunAsync(() => driver.TryDeleteAsync(path, cancellationToken), cancellationToken);

    /// <summary>Moves an object; false when the source is gone (another run or a delete got there first).</summary>
    public Task<bool> TryMoveAsync(string source, string destination, CancellationToken cancellationToken) =>
        gate.RunAsync(
            async () =>
            {
                try
                {
                    await driver.MoveAsync(source, destination, cancellationToken);
                    return true;
                }
                catch (StorageNotFoundException)
                {
                    return false;
                }
            },
            cancellationToken);
}
