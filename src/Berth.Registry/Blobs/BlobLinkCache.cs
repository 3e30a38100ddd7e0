using System.Collections.Concurrent;
using Berth.Registry.Content;
using Berth.Registry.Names;
using Microsoft.Extensions.Options;

namespace Berth.Registry.Blobs;

/// <summary>
/// The layer links this node has seen, with the blob's size (immutable for a digest), so a blob GET whose link was
/// seen within <see cref="BlobLinkCacheOptions.Revalidation"/> goes straight to the content: one storage round trip
/// instead of three on an object store (link stat, data stat, data read). A link removed by another node is trusted
/// until revalidation; this node's own unlinks evict at once, and a generation counter keeps a read that raced an
/// unlink from caching what it read before. Content collected by garbage collection (which leaves layer links in
/// place) is not hidden by this cache: the content read fails and answers BLOB_UNKNOWN, and the entry is dropped.
/// </summary>
public sealed class BlobLinkCache
{
    private readonly ConcurrentDictionary<(string Repository, Digest Digest), Entry> _links = new();
    private readonly TimeProvider _time;
    private readonly BlobLinkCacheOptions _options;
    private readonly long _revalidationTicks;
    private long _generation;

    public BlobLinkCache(TimeProvider time, IOptions<BlobLinkCacheOptions> options)
    {
        _time = time;
        _options = options.Value;
        _revalidationTicks = (long)(_options.Revalidation.TotalSeconds * time.TimestampFrequency);
    }

    /// <summary>Read before checking the link in storage; pass it to <see cref="Add"/>.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public bool TryGet(RepositoryName name, Digest digest, out long size)
    {
        if (_links.TryGetValue((name.Value, digest), out var entry) && entry.ValidUntil > _time.GetTimestamp())
        {
            size = entry.Size;
            return true;
        }

        size = 0;
        return false;
    }

    public void Add(RepositoryName name, Digest digest, long size, long generationBeforeRead)
    {
        if (_revalidationTicks <= 0 || Generation != generationBeforeRead)
        {
            return;
        }

        if (_links.Count >= _options.MaxEntries)
        {
            _links.Clear();
        }

        _links[(name.Value, digest)] = new Entry(size, _time.GetTimestamp() + _revalidationTicks);
    }

    /// <summary>After this node unlinks a blob from a repository.</summary>
    public void Forget(RepositoryName name, Digest digest)
    {
        Interlocked.Increment(ref _generation);
        _links.TryRemove((name.Value, digest), out _);
    }

    /// <summary>After this node deletes a repository: its links are read again.</summary>
    public void ForgetRepository(RepositoryName name) => ForgetWhere(key => key.Repository == name.Value);

    /// <summary>After a read found the blob's content gone (collected): every repository's link to it is read again.</summary>
    public void ForgetContent(Digest digest) => ForgetWhere(key => key.Digest == digest);

    private void ForgetWhere(Func<(string Repository, Digest Digest), bool> matches)
    {
        Interlocked.Increment(ref _generation);
        foreach (var key in _links.Keys)
        {
            if (matches(key))
            {
                _links.TryRemove(key, out _);
            }
        }
    }

    private readonly record struct Entry(long Size, long ValidUntil);
}
