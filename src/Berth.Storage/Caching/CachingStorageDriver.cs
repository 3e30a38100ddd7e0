using Berth.Storage.Instrumentation;

namespace Berth.Storage.Caching;

/// <summary>
/// Keeps small objects at immutable paths in memory, so reading a manifest or link by digest twice costs one
/// round trip to the store. Writes through this driver evict what they touch. An object deleted by another node
/// may still be served from here; for content addressed by digest that is the same content, and callers that must
/// see deletions (garbage collection) check existence with <see cref="IStorageDriver.StatAsync"/> or <see cref="IStorageDriver.StatObjectAsync"/>, which are not cached.
/// </summary>
public sealed class CachingStorageDriver(IStorageDriver inner, IImmutablePathPolicy policy, StorageCacheOptions options, StorageMetrics metrics)
    : IStorageDriver, IStorageDriverDecorator
{
    private readonly LruByteCache _cache = new(options.MaxBytes);

    public string Name => inner.Name;

    public IStorageDriver Inner => inner;

    /// <summary>Bytes held, for tests and diagnostics.</summary>
    public long CachedBytes => _cache.Bytes;

    public async Task<byte[]> GetContentAsync(string path, CancellationToken cancellationToken)
    {
        var cacheable = policy.IsImmutable(path);
        if (cacheable)
        {
            var hit = _cache.TryGet(path, out var cached);
            metrics.CacheLookup(hit);
            if (hit)
            {
                return cached.AsSpan().ToArray();
            }
        }

        var content = await inner.GetContentAsync(path, cancellationToken);
        if (cacheable && content.Length <= options.MaxEntryBytes)
        {
            _cache.Set(path, content.AsSpan().ToArray());
        }

        return content;
    }

    public async Task PutContentAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        _cache.Remove(path);
        try
        {
            await inner.PutContentAsync(path, content, cancellationToken);
        }
        finally
        {
            _cache.Remove(path);
        }
    }

    public Task<StorageRead> OpenReadAsync(string path, long offset, CancellationToken cancellationToken) =>
        inner.OpenReadAsync(path, offset, cancellationToken);

    public async Task<IStorageWriter> CreateWriterAsync(string path, bool append, CancellationToken cancellationToken)
    {
        _cache.Remove(path);
        return new EvictingStorageWriter(await inner.CreateWriterAsync(path, append, cancellationToken), path, _cache.Remove);
    }

    public async Task<IStorageWriter> CreateFreshWriterAsync(string path, CancellationToken cancellationToken)
    {
        _cache.Remove(path);
        return new EvictingStorageWriter(await inner.CreateFreshWriterAsync(path, cancellationToken), path, _cache.Remove);
    }

    public Task<long> GetAppendableSizeAsync(string path, CancellationToken cancellationToken) => inner.GetAppendableSizeAsync(path, cancellationToken);

    public Task<StorageObjectInfo> StatAsync(string path, CancellationToken cancellationToken) => inner.StatAsync(path, cancellationToken);

    public Task<StorageObjectInfo> StatObjectAsync(string path, CancellationToken cancellationToken) => inner.StatObjectAsync(path, cancellationToken);

    public IAsyncEnumerable<string> ListAsync(string path, CancellationToken cancellationToken) => inner.ListAsync(path, cancellationToken);

    public async Task MoveAsync(string sourcePath, string destinationPath, CancellationToken cancellationToken)
    {
        try
        {
            await inner.MoveAsync(sourcePath, destinationPath, cancellationToken);
        }
        finally
        {
            _cache.Remove(sourcePath);
            _cache.Remove(destinationPath);
        }
    }

    public async Task DeleteAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await inner.DeleteAsync(path, cancellationToken);
        }
        finally
        {
            _cache.RemoveTree(path);
        }
    }

    public Task<int> PurgeAbandonedWritesAsync(string path, DateTimeOffset startedBefore, CancellationToken cancellationToken) =>
        inner.PurgeAbandonedWritesAsync(path, startedBefore, cancellationToken);

    public Task<Uri?> GetRedirectUrlAsync(string path, CancellationToken cancellationToken) => inner.GetRedirectUrlAsync(path, cancellationToken);
}
