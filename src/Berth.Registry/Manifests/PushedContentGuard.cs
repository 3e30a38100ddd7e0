using Berth.Registry.Content;
using Berth.Registry.Layout;
using Berth.Registry.Names;
using Berth.Registry.Storage;
using Berth.Storage;

namespace Berth.Registry.Manifests;

/// <summary>
/// The checks that make a manifest push safe against an online garbage collection (docs/gc.md, "What a push does"):
/// once before the tag is written, so the common refusal leaves no tag, and once after, when the tag is a root that
/// a collection's second mark is bound to see. Content found gone at the second check is put back from where a
/// collection set it aside when that is safe; what cannot be put back fails the push.
/// </summary>
/// <param name="sparseIndexes">Whether an index's child manifests may be absent (Registry:Manifests:AllowSparseIndexes).</param>
internal sealed class PushedContentGuard(IStorageDriver driver, bool sparseIndexes)
{
    /// <summary>The first referenced blob or child manifest with no content now, or null when everything is stored.</summary>
    public async Task<Digest?> FindMissingAsync(RepositoryName name, ParsedManifest manifest, CancellationToken cancellationToken)
    {
        var references = References(name, manifest);
        var exists = await Task.WhenAll(references.Select(r => driver.ObjectExistsAsync(r.Path, cancellationToken)));
        var missing = Array.IndexOf(exists, false);
        return missing >= 0 ? references[missing].Digest : null;
    }

    /// <summary>
    /// Run after the tag (the push's root) is written: puts back the manifest's own revision link and content if a
    /// collection set them aside, then checks every reference again. A config or layer set aside by a collection that
    /// has not deleted it yet is moved back; a collection whose second mark starts after this check sees the tag and
    /// keeps everything checked here. Returns the first reference that is gone for good, or null.
    /// </summary>
    public async Task<Digest?> EnsureCompleteAsync(RepositoryName name, Digest digest, ReadOnlyMemory<byte> content, ParsedManifest manifest, CancellationToken cancellationToken)
    {
        // A collection only ever deletes what it set aside, so writing these again is safe.
        var revisionLink = RegistryLayout.ManifestRevisionLink(name, digest);
        if (!await driver.ObjectExistsAsync(revisionLink, cancellationToken))
        {
            await driver.WriteLinkAsync(revisionLink, digest, cancellationToken);
        }

        var blobPath = RegistryLayout.BlobData(digest);
        if (!await driver.ObjectExistsAsync(blobPath, cancellationToken))
        {
            await driver.PutContentAsync(blobPath, content, cancellationToken);
        }

        var references = References(name, manifest);
        var stored = await Task.WhenAll(references.Select(r => IsStoredOrPutBackAsync(r, cancellationToken)));
        var lost = Array.IndexOf(stored, false);
        return lost >= 0 ? references[lost].Digest : null;
    }

    private async Task<bool> IsStoredOrPutBackAsync(Reference reference, CancellationToken cancellationToken)
    {
        if (await driver.ObjectExistsAsync(reference.Path, cancellationToken))
        {
            return true;
        }

        // Only a config or layer may be put back: it references nothing, whereas a child manifest's own layers may be
        // gone with it. The collection deletes the set-aside copy or this move takes it, never both.
        if (reference.IsLeafBlob)
        {
            try
            {
                await driver.MoveAsync(RegistryLayout.CondemnedBlob(reference.Digest), reference.Path, cancellationToken);
            }
            catch (StorageNotFoundException)
            {
                // Deleted meanwhile, or (copy-then-delete stores) copied before the collection deleted the source.
            }

            return await driver.ObjectExistsAsync(reference.Path, cancellationToken);
        }

        return false;
    }

    private List<Reference> References(RepositoryName name, ParsedManifest manifest) =>
        [.. Children(manifest)
            .Select(child => new Reference(child.Digest, RegistryLayout.ManifestRevisionLink(name, child.Digest), IsLeafBlob: false))
            .Concat(Children(manifest)
                .Where(d => !MediaTypes.IsNonDistributable(d.MediaType))
                .Select(d => new Reference(d.Digest, RegistryLayout.BlobData(d.Digest), IsLeafBlob: false)))
            .Concat((manifest.Config is null ? manifest.Layers : [manifest.Config, .. manifest.Layers])
                .Where(d => !MediaTypes.IsNonDistributable(d.MediaType))
                .Select(d => new Reference(d.Digest, RegistryLayout.BlobData(d.Digest), IsLeafBlob: true)))
            .DistinctBy(r => r.Path)];

    private IReadOnlyList<Descriptor> Children(ParsedManifest manifest) => sparseIndexes ? [] : manifest.Manifests;

    private sealed record Reference(Digest Digest, string Path, bool IsLeafBlob);
}
