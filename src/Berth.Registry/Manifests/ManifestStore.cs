using Berth.Registry.Blobs;
using Berth.Registry.Content;
using Berth.Registry.Diagnostics;
using Berth.Registry.Layout;
using Berth.Registry.Names;
using Berth.Registry.Policies;
using Berth.Registry.Quotas;
using Berth.Registry.Referrers;
using Berth.Registry.Storage;
using Berth.Registry.Tags;
using Berth.Storage;
using Microsoft.Extensions.Options;

namespace Berth.Registry.Manifests;

/// <summary>
/// Manifests, stored like blobs (content-addressed, once) with a revision link per repository, tag links and referrer
/// links. Deleting a manifest by digest removes its revision, every tag pointing at it and its referrer entry, so no
/// tag is left dangling; deleting by tag removes only the tag.
/// </summary>
public sealed class ManifestStore(
    IStorageDriver driver,
    BlobStore blobs,
    TagStore tags,
    ReferrerStore referrers,
    ManifestCache cache,
    QuotaEnforcer quotas,
    StorageUsage usage,
    TagImmutability immutability,
    IOptions<ManifestPushOptions> pushOptions,
    RegistryMetrics metrics)
{
    private readonly PushedContentGuard _guard = new(driver, pushOptions.Value.AllowSparseIndexes);

    /// <summary>The largest manifest accepted; the spec asks registries to take at least 4 MiB.</summary>
    public const int MaxManifestBytes = 4 * 1024 * 1024;

    public Task<ManifestPutResult> PutAsync(RepositoryName name, Reference reference, ReadOnlyMemory<byte> content, string? contentType, CancellationToken cancellationToken) =>
        PutAsync(name, reference, [], content, contentType, cancellationToken);

    /// <summary>
    /// Stores a manifest and points the reference's tag, if it is one, and every tag of <paramref name="extraTags"/>
    /// (a push by digest with ?tag= parameters) at it. Every tag is checked before anything is written.
    /// </summary>
    public async Task<ManifestPutResult> PutAsync(
        RepositoryName name,
        Reference reference,
        IReadOnlyCollection<Tag> extraTags,
        ReadOnlyMemory<byte> content,
        string? contentType,
        CancellationToken cancellationToken)
    {
        if (content.Length > MaxManifestBytes)
        {
            throw TooLarge();
        }

        var digest = Digest.Compute(reference.Digest?.Algorithm ?? DigestAlgorithm.Sha256, content.Span);
        if (reference.Digest is { } expected && expected != digest)
        {
            throw new RegistryException(
                RegistryErrorCode.DigestInvalid,
                $"The manifest has digest {digest}, not {expected}.",
                new { expected = expected.ToString(), actual = digest.ToString() });
        }

        var manifest = ManifestParser.Parse(content, contentType);
        Tag[] pushedTags = reference.Tag is { } referenceTag ? [referenceTag, .. extraTags] : [.. extraTags];
        pushedTags = [.. pushedTags.Distinct()];
        foreach (var pushedTag in pushedTags)
        {
            await immutability.CheckPushAsync(name, pushedTag, digest, cancellationToken);
        }

        await CheckReferencesAsync(name, manifest, cancellationToken);
        await quotas.AdmitAsync(name, digest, content.Length, cancellationToken);

        // The order is what makes online garbage collection safe (docs/gc.md): the revision link is written before the
        // references are checked for content, so a collection either sees the link or has already set the content aside.
        // The content is put without a look for it first: a digest's bytes are always the same, and on an object store
        // the look is a request like the put it would spare, so a new manifest (the common push) costs one instead of two.
        await driver.PutContentAsync(RegistryLayout.BlobData(digest), content, cancellationToken);
        await driver.WriteLinkAsync(RegistryLayout.ManifestRevisionLink(name, digest), digest, cancellationToken);
        if (await _guard.FindMissingAsync(name, manifest, cancellationToken) is { } missing)
        {
            throw SetAside(missing);
        }

        var previous = new List<(Tag Tag, Digest? Digest)>();
        foreach (var tag in pushedTags)
        {
            previous.Add((tag, await tags.ResolveAsync(name, tag, cancellationToken)));
            await tags.SetAsync(name, tag, digest, cancellationToken);
            cache.Forget(name);
            await immutability.ConfirmPushAsync(name, tag, digest, cancellationToken);
        }

        if (manifest.Subject is { } subject)
        {
            var descriptor = new Descriptor(manifest.MediaType, digest, content.Length, manifest.ReferrerArtifactType, manifest.Annotations);
            await referrers.AddAsync(name, subject.Digest, descriptor, cancellationToken);
        }

        // The check before the tag passed, but a collection may have set content aside since and missed this push in
        // its second mark (it read the tags before this push wrote its own): a 201 must mean the image is complete.
        if (await _guard.EnsureCompleteAsync(name, digest, content, manifest, cancellationToken) is { } lost)
        {
            foreach (var (pushed, before) in previous)
            {
                await UndoTagAsync(name, pushed, digest, before, cancellationToken);
            }

            throw SetAside(lost);
        }

        metrics.ManifestOperation("put");
        return new ManifestPutResult(digest, manifest.Subject?.Digest, manifest.MediaType, pushedTags);
    }

    /// <summary>
    /// Stores a manifest fetched from another registry whose bytes were checked against <paramref name="digest"/>. Unlike
    /// a push, its blobs need not be here yet: a mirror fetches them when they are first pulled.
    /// </summary>
    public async Task<StoredManifest> StoreFetchedAsync(RepositoryName name, Digest digest, byte[] content, Tag? tag, CancellationToken cancellationToken)
    {
        if (content.Length > MaxManifestBytes)
        {
            throw TooLarge();
        }

        var manifest = ManifestParser.Parse(content, null);
        var blobPath = RegistryLayout.BlobData(digest);
        if (!await driver.ObjectExistsAsync(blobPath, cancellationToken))
        {
            await driver.PutContentAsync(blobPath, content, cancellationToken);
        }

        await driver.WriteLinkAsync(RegistryLayout.ManifestRevisionLink(name, digest), digest, cancellationToken);
        if (tag is not null)
        {
            await tags.SetAsync(name, tag, digest, cancellationToken);
        }

        if (manifest.Subject is { } subject)
        {
            var descriptor = new Descriptor(manifest.MediaType, digest, content.Length, manifest.ReferrerArtifactType, manifest.Annotations);
            await referrers.AddAsync(name, subject.Digest, descriptor, cancellationToken);
        }

        cache.Forget(name);
        metrics.ManifestOperation("fetch");
        return new StoredManifest(digest, manifest.MediaType, content);
    }

    public async Task<StoredManifest> GetAsync(RepositoryName name, Reference reference, CancellationToken cancellationToken)
    {
        var key = reference.Tag?.Value ?? reference.Digest!.Value.ToString();
        StoredManifest? manifest;
        if (cache.TryResolve(name, key, out var digest))
        {
            manifest = await GetContentAsync(digest, cancellationToken);
        }
        else
        {
            var generation = cache.Generation;
            digest = reference.Digest ?? await tags.ResolveAsync(name, reference.Tag!, cancellationToken) ?? throw Unknown(reference);

            // The revision link's check and the manifest's read go out together: on an object store each is a round
            // trip, and a cold pull waited for them one after the other (docs/performance.md, "Object storage").
            var linked = driver.ObjectExistsAsync(RegistryLayout.ManifestRevisionLink(name, digest), cancellationToken);
            var content = GetContentAsync(digest, cancellationToken);
            await Task.WhenAll(linked, content);
            if (!await linked)
            {
                throw Unknown(reference);
            }

            cache.AddResolution(name, key, digest, generation);
            manifest = await content;
        }

        if (manifest is null)
        {
            throw Unknown(reference);
        }

        metrics.ManifestOperation("get");
        return manifest;
    }

    /// <summary>The manifest's content by digest, from the cache or the store; null when the store has none.</summary>
    private async Task<StoredManifest?> GetContentAsync(Digest digest, CancellationToken cancellationToken)
    {
        if (cache.TryGetManifest(digest, out var manifest))
        {
            return manifest;
        }

        var content = await driver.TryGetContentAsync(RegistryLayout.BlobData(digest), cancellationToken);
        if (content is null)
        {
            return null;
        }

        manifest = new StoredManifest(digest, ManifestParser.DetectMediaType(content), content);
        cache.AddManifest(manifest);
        return manifest;
    }

    /// <summary>By tag: removes the tag. By digest: removes the revision, the tags pointing at it and its referrer entry.</summary>
    public async Task DeleteAsync(RepositoryName name, Reference reference, CancellationToken cancellationToken)
    {
        if (reference.Tag is { } tag)
        {
            await immutability.CheckDeleteTagAsync(name, tag, cancellationToken);
            var deleted = await tags.DeleteAsync(name, tag, cancellationToken);
            cache.Forget(name);
            if (!deleted)
            {
                throw Unknown(reference);
            }

            metrics.ManifestOperation("untag");
            return;
        }

        var digest = reference.Digest!.Value;
        if (!await driver.ObjectExistsAsync(RegistryLayout.ManifestRevisionLink(name, digest), cancellationToken))
        {
            throw Unknown(reference);
        }

        await immutability.CheckDeleteManifestAsync(name, digest, cancellationToken);
        var content = await driver.TryGetContentAsync(RegistryLayout.BlobData(digest), cancellationToken);
        if (content is not null && TryGetSubject(content) is { } subject)
        {
            await referrers.RemoveAsync(name, subject, digest, cancellationToken);
        }

        await tags.DeletePointingAtAsync(name, digest, cancellationToken);
        await driver.TryDeleteAsync(RegistryLayout.ManifestRevisionDirectory(name, digest), cancellationToken);
        cache.Forget(name);
        usage.Forget(name.Namespace);
        metrics.ManifestOperation("delete");
    }

    private async Task CheckReferencesAsync(RepositoryName name, ParsedManifest manifest, CancellationToken cancellationToken)
    {
        var missing = new List<Digest>();
        IReadOnlyList<Descriptor> children = pushOptions.Value.AllowSparseIndexes ? [] : manifest.Manifests;
        foreach (var child in children)
        {
            if (!await driver.ObjectExistsAsync(RegistryLayout.ManifestRevisionLink(name, child.Digest), cancellationToken))
            {
                missing.Add(child.Digest);
            }
        }

        foreach (var blob in manifest.Config is null ? manifest.Layers : [manifest.Config, .. manifest.Layers])
        {
            if (!MediaTypes.IsNonDistributable(blob.MediaType) && !await blobs.IsLinkedAsync(name, blob.Digest, cancellationToken))
            {
                missing.Add(blob.Digest);
            }
        }

        if (missing.Count > 0)
        {
            throw new RegistryException(
                RegistryErrorCode.ManifestBlobUnknown,
                $"The manifest references {missing.Count} blob(s) or manifest(s) not pushed to '{name}', first {missing[0]}.",
                new { digest = missing[0].ToString(), missing = missing.Select(d => d.ToString()).Distinct().ToArray() });
        }
    }

    /// <summary>Puts the tag back where it was before a push that failed after writing it, unless another push moved it since.</summary>
    private async Task UndoTagAsync(RepositoryName name, Tag tag, Digest pushed, Digest? previous, CancellationToken cancellationToken)
    {
        if (await tags.ResolveAsync(name, tag, cancellationToken) != pushed)
        {
            return;
        }

        if (previous is { } earlier)
        {
            await tags.SetAsync(name, tag, earlier, cancellationToken);
        }
        else
        {
            await tags.DeleteAsync(name, tag, cancellationToken);
        }

        cache.Forget(name);
    }

    private static RegistryException SetAside(Digest digest) =>
        new(
            RegistryErrorCode.ManifestBlobUnknown,
            $"{digest} was removed by garbage collection while the push ran; push the image again.",
            new { digest = digest.ToString() });

    private static Digest? TryGetSubject(byte[] content)
    {
        try
        {
            return ManifestParser.Parse(content, null).Subject?.Digest;
        }
        catch (RegistryException)
        {
            return null;
        }
    }

    public static RegistryException TooLarge() =>
        new(RegistryErrorCode.SizeInvalid, $"The manifest is larger than {MaxManifestBytes} bytes.", new { limit = MaxManifestBytes }) { ExceedsLimit = true };

    private static RegistryException Unknown(Reference reference) =>
        new(RegistryErrorCode.ManifestUnknown, $"Manifest '{reference}' is unknown to this repository.", new { reference = reference.ToString() });
}
