using System.Collections.Concurrent;
using Berth.Registry.Content;
using Berth.Registry.GarbageCollection;
using Berth.Registry.Layout;
using Berth.Registry.Names;
using Berth.Storage;

namespace Berth.Registry.Quotas;

/// <summary>
/// Walks namespaces in the store: every repository under /v1/repositories/&lt;namespace&gt;, the digests of its layer and
/// revision links, and the size of each distinct blob (one stat per digest per calculator, however many namespaces
/// link it). Requests go out in parallel through a gate, like the garbage collector's mark.
/// </summary>
internal sealed class UsageCalculator : IDisposable
{
    private readonly GcGate _gate;
    private readonly GcStorage _storage;
    private readonly ConcurrentDictionary<Digest, Task<long?>> _sizes = new();

    public UsageCalculator(IStorageDriver driver, int concurrency)
    {
        _gate = new GcGate(concurrency);
        _storage = new GcStorage(driver, _gate);
    }

    /// <summary>The first components of every repository name in the store.</summary>
    public async Task<List<string>> ListNamespacesAsync(CancellationToken cancellationToken) =>
        [.. (await _storage.ListNamesAsync(RegistryLayout.RepositoriesRoot, cancellationToken)).Where(QuotaStore.IsValidNamespace).Order(StringComparer.Ordinal)];

    public async Task<UsageEntry> ComputeAsync(string @namespace, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var repositories = new ConcurrentBag<(RepositoryName Name, HashSet<string> Folders)>();
        await FindRepositoriesAsync(RegistryLayout.RepositoryTree(@namespace), @namespace, repositories, cancellationToken);
        var linked = await Task.WhenAll(repositories.Select(r => LinkedAsync(r.Name, r.Folders, cancellationToken)));
        var digests = linked.SelectMany(d => d).Distinct().ToList();
        var sizes = await Task.WhenAll(digests.Select(d => SizeAsync(d, cancellationToken)));
        var stored = new Dictionary<Digest, long>();
        for (var i = 0; i < digests.Count; i++)
        {
            // A link whose content was collected (layer links outlive their blobs) holds nothing.
            if (sizes[i] is { } size)
            {
                stored[digests[i]] = size;
            }
        }

        return new UsageEntry(@namespace, stored, [.. repositories.Select(r => r.Name.Value).Order(StringComparer.Ordinal)], now);
    }

    public void Dispose() => _gate.Dispose();

    private async Task FindRepositoriesAsync(string path, string name, ConcurrentBag<(RepositoryName, HashSet<string>)> result, CancellationToken cancellationToken)
    {
        var children = await _storage.ListNamesAsync(path, cancellationToken);
        var folders = children.Where(c => c.StartsWith('_')).ToHashSet(StringComparer.Ordinal);
        if (folders.Count > 0 && RepositoryName.TryParse(name, out var repository))
        {
            result.Add((repository, folders));
        }

        await Task.WhenAll(children
            .Where(c => !c.StartsWith('_'))
            .Select(c => FindRepositoriesAsync(RegistryLayout.RepositoryTree($"{name}/{c}"), $"{name}/{c}", result, cancellationToken)));
    }

    private async Task<IEnumerable<Digest>> LinkedAsync(RepositoryName name, HashSet<string> folders, CancellationToken cancellationToken)
    {
        var layers = folders.Contains(RegistryLayout.LayersFolder) ? _storage.ListDigestsAsync(RegistryLayout.LayersRoot(name), cancellationToken) : Task.FromResult(new HashSet<Digest>());
        var manifests = folders.Contains(RegistryLayout.ManifestsFolder) ? _storage.ListDigestsAsync(RegistryLayout.ManifestRevisionsRoot(name), cancellationToken) : Task.FromResult(new HashSet<Digest>());
        return (await layers).Concat(await manifests);
    }

    private Task<long?> SizeAsync(Digest digest, CancellationToken cancellationToken) =>
        _sizes.GetOrAdd(digest, async d => (await _storage.TryStatAsync(RegistryLayout.BlobData(d), cancellationToken))?.Size);
}
