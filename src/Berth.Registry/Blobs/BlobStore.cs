using Berth.Registry.Content;
using Berth.Registry.Diagnostics;
using Berth.Registry.Layout;
using Berth.Registry.Names;
using Berth.Registry.Quotas;
using Berth.Registry.Storage;
using Berth.Storage;
using Berth.Storage.Filesystem;
using Berth.Storage.Instrumentation;

namespace Berth.Registry.Blobs;

/// <summary>
/// Content-addressed blobs, each stored once under /v1/blobs and made readable to a repository by a link.
/// A repository reads a blob only through its own link, so knowing a digest is not enough to fetch content.
/// </summary>
public sealed class BlobStore(IStorageDriver driver, QuotaEnforcer quotas, StorageUsage usage, BlobLinkCache links, RegistryMetrics metrics)
{
    /// <summary>
    /// The blob as the repository sees it, its content checked to be there (one stat when the link was seen before).
    /// Manifests count as blobs of their repository too, because some clients fetch a manifest by digest through the
    /// blobs endpoint.
    /// </summary>
    public async Task<BlobInfo> StatAsync(RepositoryName name, Digest digest, CancellationToken cancellationToken)
    {
        var path = RegistryLayout.BlobData(digest);
        if (links.TryGet(name, digest, out _))
        {
            return new BlobInfo(digest, (await driver.TryStatObjectAsync(path, cancellationToken) ?? throw BlobUnknown(digest)).Size, path);
        }

        return await StatLinkedAsync(name, digest, cancellationToken);
    }

    /// <summary>
    /// The blob as the repository sees it, for a read that opens the content next: when the link was seen before, no
    /// storage is read here, and content collected since surfaces as <see cref="StorageNotFoundException"/> from the
    /// read (report it with <see cref="ContentGone"/>).
    /// </summary>
    public async Task<BlobInfo> LocateAsync(RepositoryName name, Digest digest, CancellationToken cancellationToken) =>
        links.TryGet(name, digest, out var size)
            ? new BlobInfo(digest, size, RegistryLayout.BlobData(digest))
            : await StatLinkedAsync(name, digest, cancellationToken);

    /// <summary>
    /// The blob for a GET of all its bytes, opened: the content read is also the check that the content is there, and
    /// it gives the size, so no stat goes out. One storage round trip when the link was seen before; otherwise the
    /// link's check goes out together with the read, still one round trip in sequence. When the driver keeps files,
    /// nothing is opened here (the API reads the file itself) and <c>Content</c> is null.
    /// </summary>
    public async Task<(BlobInfo Blob, StorageRead? Content)> OpenAsync(RepositoryName name, Digest digest, CancellationToken cancellationToken)
    {
        var path = RegistryLayout.BlobData(digest);
        if (GetLocalPath(path) is not null)
        {
            return (await LocateAsync(name, digest, cancellationToken), null);
        }

        if (links.TryGet(name, digest, out _))
        {
            var read = await TryOpenAsync(path, cancellationToken);
            if (read is null)
            {
                ContentGone(digest);
                throw BlobUnknown(digest);
            }

            return (new BlobInfo(digest, read.Size, path), read);
        }

        var generation = links.Generation;
        var layerLink = driver.ObjectExistsAsync(RegistryLayout.LayerLink(name, digest), cancellationToken);
        var content = TryOpenAsync(path, cancellationToken);
        var opened = await BothAsync(layerLink, content);
        try
        {
            var layerLinked = await layerLink;
            // No content is unknown whatever the links say: the revision link is looked for only when it can decide.
            if (opened is null || (!layerLinked && !await driver.ObjectExistsAsync(RegistryLayout.ManifestRevisionLink(name, digest), cancellationToken)))
            {
                throw BlobUnknown(digest);
            }

            if (layerLinked)
            {
                links.Add(name, digest, opened.Size, generation);
            }

            return (new BlobInfo(digest, opened.Size, path), opened);
        }
        catch
        {
            opened?.Dispose();
            throw;
        }
    }

    /// <summary>A read found the blob's content gone (garbage collection leaves layer links in place).</summary>
    public void ContentGone(Digest digest) => links.ForgetContent(digest);

    /// <summary>After the repository is deleted: its links are read from storage again.</summary>
    public void ForgetRepository(RepositoryName name) => links.ForgetRepository(name);

    private async Task<BlobInfo> StatLinkedAsync(RepositoryName name, Digest digest, CancellationToken cancellationToken)
    {
        var generation = links.Generation;
        var path = RegistryLayout.BlobData(digest);
        // The link and the content's stat go out together: on an object store each is a round trip, and a read of a
        // link not seen before waited for them one after the other (docs/performance.md, "Object storage: the cause").
        var layerLink = driver.ObjectExistsAsync(RegistryLayout.LayerLink(name, digest), cancellationToken);
        var content = driver.TryStatObjectAsync(path, cancellationToken);
        await Task.WhenAll(layerLink, content);
        var layerLinked = await layerLink;
        // No content is unknown whatever the links say (every push's look for a blob it has not sent yet): the revision
        // link is looked for only when it can decide.
        var info = await content ?? throw BlobUnknown(digest);
        if (!layerLinked && !await driver.ObjectExistsAsync(RegistryLayout.ManifestRevisionLink(name, digest), cancellationToken))
        {
            throw BlobUnknown(digest);
        }

        if (layerLinked)
        {
            // Only layer links: a manifest's revision link goes away by paths (manifest and tag deletes) this cache does not follow.
            links.Add(name, digest, info.Size, generation);
        }

        return new BlobInfo(digest, info.Size, path);
    }

    public Task<StorageRead> OpenReadAsync(BlobInfo blob, long offset, CancellationToken cancellationToken) =>
        driver.OpenReadAsync(blob.StoragePath, offset, cancellationToken);

    /// <summary>The local file behind the blob when the driver keeps files, so the API can read it without a stream.</summary>
    public string? GetLocalPath(BlobInfo blob) => GetLocalPath(blob.StoragePath);

    /// <summary>Where a client may fetch the blob's content directly (a presigned URL), or null to stream it through.</summary>
    public Task<Uri?> GetRedirectUrlAsync(Digest digest, CancellationToken cancellationToken) =>
        driver.GetRedirectUrlAsync(RegistryLayout.BlobData(digest), cancellationToken);

    public async Task<bool> ExistsAsync(Digest digest, CancellationToken cancellationToken) =>
        await driver.ObjectExistsAsync(RegistryLayout.BlobData(digest), cancellationToken);

    public Task<bool> IsLinkedAsync(RepositoryName name, Digest digest, CancellationToken cancellationToken) =>
        driver.ObjectExistsAsync(RegistryLayout.LayerLink(name, digest), cancellationToken);

    public Task LinkAsync(RepositoryName name, Digest digest, CancellationToken cancellationToken) =>
        driver.WriteLinkAsync(RegistryLayout.LayerLink(name, digest), digest, cancellationToken);

    /// <summary>
    /// Links a blob that <paramref name="from"/> can read into <paramref name="target"/> and returns it with its size;
    /// null when it cannot. The existence check is a stat, so the size costs no extra request. Throws DENIED when the
    /// blob is new to the target's namespace and over its quota.
    /// </summary>
    public async Task<BlobInfo?> MountAsync(RepositoryName target, Digest digest, RepositoryName from, CancellationToken cancellationToken)
    {
        var path = RegistryLayout.BlobData(digest);
        if (!await IsLinkedAsync(from, digest, cancellationToken) || await driver.TryStatObjectAsync(path, cancellationToken) is not { } info)
        {
            return null;
        }

        await quotas.AdmitAsync(target, digest, info.Size, cancellationToken);
        await LinkAsync(target, digest, cancellationToken);
        metrics.BlobOperation("mount");
        return new BlobInfo(digest, info.Size, path);
    }

    /// <summary>Removes the repository's link; the content stays for other repositories until garbage collection.</summary>
    public async Task DeleteAsync(RepositoryName name, Digest digest, CancellationToken cancellationToken)
    {
        bool deleted;
        links.Forget(name, digest);
        try
        {
            deleted = await driver.TryDeleteAsync(RegistryLayout.LayerLinkDirectory(name, digest), cancellationToken);
        }
        finally
        {
            // Again after the delete: a read that saw the link while it was going must not keep it.
            links.Forget(name, digest);
        }

        if (!deleted)
        {
            throw BlobUnknown(digest);
        }

        usage.Forget(name.Namespace);
        metrics.BlobOperation("delete");
    }

    private string? GetLocalPath(string path) => driver.Unwrap<FilesystemStorageDriver>()?.GetLocalPath(path);

    private async Task<StorageRead?> TryOpenAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await driver.OpenReadAsync(path, 0, cancellationToken);
        }
        catch (StorageNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Waits for both; when the check fails, the content it opened meanwhile is released before the failure goes up.</summary>
    private static async Task<StorageRead?> BothAsync(Task<bool> check, Task<StorageRead?> content)
    {
        try
        {
            await Task.WhenAll(check, content);
        }
        catch
        {
            if (content.IsCompletedSuccessfully)
            {
                content.Result?.Dispose();
            }

            throw;
        }

        return await content;
    }

    private static RegistryException BlobUnknown(Digest digest) =>
        new(RegistryErrorCode.BlobUnknown, $"Blob {digest} is unknown to this repository.", new { digest = digest.ToString() });
}
