using Berth.Registry.Layout;
using Berth.Registry.Names;
using Berth.Registry.Storage;
using Berth.Storage;

namespace Berth.Registry.Catalog;

/// <summary>Lists repositories by walking the repositories tree for folders that hold a _manifests folder.</summary>
public sealed class RepositoryCatalog(IStorageDriver driver)
{
    /// <summary>Every repository name in ordinal order.</summary>
    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken)
    {
        var result = new List<string>();
        await WalkAsync(RegistryLayout.RepositoriesRoot, string.Empty, result, cancellationToken);
        result.Sort(StringComparer.Ordinal);
        return result;
    }

    /// <summary>The repositories of one namespace (its first name component), in ordinal order.</summary>
    public async Task<IReadOnlyList<RepositoryName>> ListNamespaceAsync(string @namespace, CancellationToken cancellationToken)
    {
        var result = new List<string>();
        if (RepositoryName.TryParse(@namespace, out _) && !@namespace.Contains('/', StringComparison.Ordinal))
        {
            await WalkAsync(RegistryLayout.RepositoryTree(@namespace), @namespace, result, cancellationToken);
        }

        result.Sort(StringComparer.Ordinal);
        return [.. result.Select(RepositoryName.Parse)];
    }

    private async Task WalkAsync(string path, string prefix, List<string> result, CancellationToken cancellationToken)
    {
        await foreach (var child in driver.ListNamesAsync(path, cancellationToken))
        {
            if (child == RegistryLayout.ManifestsFolder && RepositoryName.TryParse(prefix, out _))
            {
                result.Add(prefix);
            }
            else if (!child.StartsWith('_'))
            {
                await WalkAsync(RegistryLayout.RepositoryTree(prefix.Length == 0 ? child : $"{prefix}/{child}"), prefix.Length == 0 ? child : $"{prefix}/{child}", result, cancellationToken);
            }
        }
    }
}
