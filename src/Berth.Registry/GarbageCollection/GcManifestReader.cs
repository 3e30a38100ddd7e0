using System.Collections.Concurrent;
using Berth.Registry.Content;
using Berth.Registry.Layout;
using Berth.Registry.Manifests;
using Berth.Registry.Storage;
using Berth.Storage;

namespace Berth.Registry.GarbageCollection;

/// <summary>
/// Reads and parses manifests for one run, each digest once (content by digest never changes). Content a run has
/// set aside is read from where it was moved, so the second mark still follows the references of a manifest that a
/// push brought back into use.
/// </summary>
internal sealed class GcManifestReader(IStorageDriver driver, GcGate gate)
{
    private readonly ConcurrentDictionary<Digest, Task<ParsedManifest?>> _parsed = new();

    /// <summary>The parsed manifest, or null when its content is nowhere (a failed read is tried again next time).</summary>
    public async Task<ParsedManifest?> ReadAsync(Digest digest, CancellationToken cancellationToken)
    {
        var load = _parsed.GetOrAdd(digest, d => LoadAsync(d, cancellationToken));
        var parsed = await load;
        if (parsed is null)
        {
            _parsed.TryRemove(new KeyValuePair<Digest, Task<ParsedManifest?>>(digest, load));
        }

        return parsed;
    }

    private async Task<ParsedManifest?> LoadAsync(Digest digest, CancellationToken cancellationToken)
    {
        var content = await gate.RunAsync(() => driver.TryGetContentAsync(RegistryLayout.BlobData(digest), cancellationToken), cancellationToken)
            ?? await gate.RunAsync(() => driver.TryGetContentAsync(RegistryLayout.CondemnedBlob(digest), cancellationToken), cancellationToken);
        if (content is null || content.Length > ManifestStore.MaxManifestBytes)
        {
            return null;
        }

        try
        {
            return ManifestParser.Parse(content, null);
        }
        catch (RegistryException)
        {
            return null;
        }
    }
}
