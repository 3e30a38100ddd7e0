using System.Collections.Concurrent;
using Berth.Registry.Content;
using Berth.Registry.Layout;
using Berth.Registry.Manifests;
using Berth.Registry.Storage;
using Berth.Storage;

namespace Berth.Registry.Consistency;

/// <summary>The state of one check: counters, problems, and what is known of each digest (each looked up once).</summary>
internal sealed class StoreCheckRun(IStorageDriver driver)
{
    private readonly ConcurrentDictionary<Digest, Lazy<Task<bool>>> _stored = new();
    private readonly ConcurrentDictionary<Digest, Lazy<Task<ParsedManifest?>>> _manifests = new();
    private readonly ConcurrentQueue<StoreProblem> _problems = new();
    private readonly ConcurrentQueue<StaleUpload> _staleUploads = new();
    private int _repositories;
    private int _tags;
    private int _revisions;
    private int _layerLinks;
    private int _collectedLayerLinks;
    private int _absentIndexChildren;
    private int _referrerLinks;
    private int _blobs;
    private int _blobsVerified;
    private long _bytesVerified;

    public IStorageDriver Driver => driver;

    public void Problem(StoreProblemKind kind, string path, string detail) => _problems.Enqueue(new StoreProblem(kind, path, detail));

    public void Stale(StaleUpload upload) => _staleUploads.Enqueue(upload);

    public void CountRepository() => Interlocked.Increment(ref _repositories);

    public void CountTag() => Interlocked.Increment(ref _tags);

    public void CountRevision() => Interlocked.Increment(ref _revisions);

    public void CountLayerLink() => Interlocked.Increment(ref _layerLinks);

    public void CountCollectedLayerLink() => Interlocked.Increment(ref _collectedLayerLinks);

    public void CountAbsentIndexChild() => Interlocked.Increment(ref _absentIndexChildren);

    public void CountReferrerLink() => Interlocked.Increment(ref _referrerLinks);

    public void CountBlob() => Interlocked.Increment(ref _blobs);

    public void CountVerified(long bytes)
    {
        Interlocked.Increment(ref _blobsVerified);
        Interlocked.Add(ref _bytesVerified, bytes);
    }

    /// <summary>Whether the blob's data is stored (one stat per digest per run).</summary>
    public Task<bool> IsStoredAsync(Digest digest, CancellationToken cancellationToken) =>
        _stored.GetOrAdd(digest, d => new Lazy<Task<bool>>(() => driver.ExistsAsync(RegistryLayout.BlobData(d), cancellationToken))).Value;

    /// <summary>The parsed manifest stored under the digest, or null when it is missing or not a manifest.</summary>
    public Task<ParsedManifest?> ReadManifestAsync(Digest digest, CancellationToken cancellationToken) =>
        _manifests.GetOrAdd(digest, d => new Lazy<Task<ParsedManifest?>>(() => ParseAsync(d, cancellationToken))).Value;

    public StoreCheckReport Report(bool contentVerified, TimeSpan duration) => new()
    {
        Repositories = _repositories,
        Tags = _tags,
        Revisions = _revisions,
        LayerLinks = _layerLinks,
        CollectedLayerLinks = _collectedLayerLinks,
        AbsentIndexChildren = _absentIndexChildren,
        ReferrerLinks = _referrerLinks,
        Blobs = _blobs,
        BlobsVerified = _blobsVerified,
        BytesVerified = _bytesVerified,
        ContentVerified = contentVerified,
        Problems = [.. _problems.OrderBy(p => p.Path, StringComparer.Ordinal).ThenBy(p => p.Kind)],
        StaleUploads = [.. _staleUploads.OrderBy(u => u.Repository, StringComparer.Ordinal).ThenBy(u => u.UploadId, StringComparer.Ordinal)],
        Duration = duration,
    };

    private async Task<ParsedManifest?> ParseAsync(Digest digest, CancellationToken cancellationToken)
    {
        var content = await driver.TryGetContentAsync(RegistryLayout.BlobData(digest), cancellationToken);
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
