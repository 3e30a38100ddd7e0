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
public sealed class BlobStore(IStorageDriver driver, QuotaEnforcer quotas, StorageUsage usage, RegistryMetrics metrics)
{
    /// <summary>
    /// The blob as the repository sees it. Manifests count as blobs of their repository too, because some clients
    /// fetch a manifest by digest through the blobs endpoint.
    /// </summary>
    public async Task<BlobInfo> StatAsync(RepositoryName name, Digest digest, CancellationToken cancellationToken)
    {
        if (!await driver.ExistsAsync(RegistryLayout.LayerLink(name, digest), cancellationToken)
            && !await driver.ExistsAsync(RegistryLayout.ManifestRevisionLink(name, digest), cancellationToken))
        {
            throw BlobUnknown(digest);
        }

        var path = RegistryLayout.BlobData(digest);
        var info = await driver.TryStatAsync(path, cancellationToken) ?? throw BlobUnknown(digest);
        return new BlobInfo(digest, info.Size, path);
    }

    public Task<Stream> OpenReadAsync(BlobInfo blob, long offset, CancellationToken cancellationToken) =>
        driver.OpenReadAsync(blob.StoragePath, offset, cancellationToken);

    /// <summary>The local file behind the blob when the driver keeps files, so the API can read it without a stream.</summary>
    public string? GetLocalPath(BlobInfo blob) =>
        driver.Unwrap<FilesystemStorageDriver>()?.GetLocalPath(blob.StoragePath);

    public Task<Uri?> GetRedirectUrlAsync(BlobInfo blob, CancellationToken cancellationToken) =>
        driver.GetRedirectUrlAsync(blob.StoragePath, cancellationToken);

    public async Task<bool> ExistsAsync(Digest digest, CancellationToken cancellationToken) =>
        await driver.ExistsAsync(RegistryLayout.BlobData(digest), cancellationToken);

    public Task<bool> IsLinkedAsync(RepositoryName name, Digest digest, CancellationToken cancellationToken) =>
        driver.ExistsAsync(RegistryLayout.LayerLink(name, digest), cancellationToken);

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
        if (!await IsLinkedAsync(from, digest, cancellationToken) || await driver.TryStatAsync(path, cancellationToken) is not { } info)
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
        if (!await driver.TryDeleteAsync(RegistryLayout.LayerLinkDirectory(name, digest), cancellationToken))
        {
            throw BlobUnknown(digest);
        }

        usage.Forget(name.Namespace);
        metrics.BlobOperation("delete");
    }

    private static RegistryException BlobUnknown(Digest digest) =>
        new(RegistryErrorCode.BlobUnknown, $"Blob {digest} is unknown to this repository.", new { digest = digest.ToString() });
}
