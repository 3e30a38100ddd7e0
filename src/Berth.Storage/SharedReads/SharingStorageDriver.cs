using Berth.Storage.Caching;
using Berth.Storage.Instrumentation;
using Microsoft.Extensions.Logging;

namespace Berth.Storage.SharedReads;

/// <summary>
/// Concurrent reads of one immutable object share one fetch from the store (<see cref="SharedFetches"/>); everything
/// else passes through. Immutable paths are content addressed, so a reader that joins a fetch begun for another gets
/// the very bytes it would have read itself; whether it may read them (the repository's link) is checked above.
/// </summary>
public sealed class SharingStorageDriver : IStorageDriver, IStorageDriverDecorator
{
    private readonly IStorageDriver _inner;
    private readonly IImmutablePathPolicy _policy;
    private readonly SharedFetches _fetches;

    public SharingStorageDriver(IStorageDriver inner, IImmutablePathPolicy policy, SharedReadOptions options, string spoolDirectory, StorageMetrics metrics, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(options);
        _inner = inner;
        _policy = policy;
        _fetches = new SharedFetches(inner, options, spoolDirectory, metrics, logger);
    }

    public string Name => _inner.Name;

    public IStorageDriver Inner => _inner;

    /// <summary>Fetches in flight, for tests.</summary>
    public int FetchesInFlight => _fetches.InFlight;

    /// <summary>Spool bytes held on disk and in memory, for tests.</summary>
    public long SpooledBytes => _fetches.SpooledBytes;

    /// <summary>Spool bytes held in memory, for tests.</summary>
    public long MemorySpooledBytes => _fetches.MemoryBytes;

    public Task<StorageRead> OpenReadAsync(string path, long offset, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        return _policy.IsImmutable(path)
            ? _fetches.OpenReadAsync(path, offset, cancellationToken)
            : _inner.OpenReadAsync(path, offset, cancellationToken);
    }

    public Task<byte[]> GetContentAsync(string path, CancellationToken cancellationToken) => _inner.GetContentAsync(path, cancellationToken);

    public Task PutContentAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        _inner.PutContentAsync(path, content, cancellationToken);

    public Task<IStorageWriter> CreateWriterAsync(string path, bool append, CancellationToken cancellationToken) =>
        _inner.CreateWriterAsync(path, append, cancellationToken);

    public Task<IStorageWriter> CreateFreshWriterAsync(string path, CancellationToken cancellationToken) =>
        _inner.CreateFreshWriterAsync(path, cancellationToken);

    public Task<long> GetAppendableSizeAsync(string path, CancellationToken cancellationToken) => _inner.GetAppendableSizeAsync(path, cancellationToken);

    public Task<StorageObjectInfo> StatAsync(string path, CancellationToken cancellationToken) => _inner.StatAsync(path, cancellationToken);

    public Task<StorageObjectInfo> StatObjectAsync(string path, CancellationToken cancellationToken) => _inner.StatObjectAsync(path, cancellationToken);

    public IAsyncEnumerable<string> ListAsync(string path, CancellationToken cancellationToken) => _inner.ListAsync(path, cancellationToken);

    public Task MoveAsync(string sourcePath, string destinationPath, CancellationToken cancellationToken) =>
        _inner.MoveAsync(sourcePath, destinationPath, cancellationToken);

    public Task DeleteAsync(string path, CancellationToken cancellationToken) => _inner.DeleteAsync(path, cancellationToken);

    public Task<int> PurgeAbandonedWritesAsync(string path, DateTimeOffset startedBefore, CancellationToken cancellationToken) =>
        _inner.PurgeAbandonedWritesAsync(path, startedBefore, cancellationToken);

    public Task<Uri?> GetRedirectUrlAsync(string path, CancellationToken cancellationToken) => _inner.GetRedirectUrlAsync(path, cancellationToken);
}
