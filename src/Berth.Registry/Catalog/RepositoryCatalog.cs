using Berth.Registry.Layout;
using Berth.Registry.Names;
using Berth.Registry.Storage;
using Berth.Storage;

namespace Berth.Registry.Catalog;

/// <summary>Lists repositories by walking the repositories tree for folders that hold a _manifests (or _layers) folder.</summary>
public sealed class RepositoryCatalog(IStorageDriver driver)
{
    /// <summary>Every repository name in ordinal order.</summary>
    public Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken) =>
        ListHoldingAsync(RegistryLayout.ManifestsFolder, cancellationToken);

    /// <summary>
    /// Every repository that was given blobs, in ordinal order, including those whose manifests are not pushed yet
    /// (which <see cref="ListAsync"/> leaves out): the candidates of a blob mount without a source repository.
    /// </summary>
    public Task<IReadOnlyList<string>> ListHoldingBlobsAsync(CancellationToken cancellationToken) =>
        ListHoldingAsync(RegistryLayout.LayersFolder, cancellationToken);

    private async Task<IReadOnlyList<string>> ListHoldingAsync(string marker, CancellationToken cancellationToken)
    {
        var result = new List<string>();
        await WalkAsync(RegistryLayout.RepositoriesRoot, string.Empty, marker, result, cancellationToken);
        result.Sort(StringComparer.Ordinal);
        return result;
    }

    /// <summary>The repositories of one namespace (its first name component), in ordinal order.</summary>
    public async Task<IReadOnlyList<RepositoryName>> ListNamespaceAsync(string @namespace, CancellationToken cancellationToken)
    {
        var result = new List<string>();
        if (RepositoryName.TryParse(@namespace, out _) && !@namespace.Contains('/', StringComparison.Ordinal))
        {
            await WalkAsync(RegistryLayout.RepositoryTree(@namespace), @namespace, RegistryLayout.ManifestsFolder, result, cancellationToken);
        }

        result.Sort(StringComparer.Ordinal);
        return [.. result.Select(RepositoryName.Parse)];
    }

    private async Task WalkAsync(string path, string prefix, string marker, List<string> result, CancellationToken cancellationToken)
    {
        await foreach (var child in driver.ListNamesAsync(path, cancellationToken))
        {
            if (child == marker && RepositoryName.TryParse(prefix, out _))
            {
                result.Add(prefix);
            }
            else if (!child.StartsWith('_'))
            {
                await WalkAsync(RegistryLayout.RepositoryTree(prefix.Length == 0 ? child : $"{prefix}/{child}"), prefix.Length == 0 ? child : $"{prefix}/{child}", marker, result, cancellationToken);
            }
        }
    }
}
