using System.Buffers;
using System.Collections.Concurrent;
using Berth.Storage.Instrumentation;
using Microsoft.Extensions.Logging;

namespace Berth.Storage.SharedReads;

/// <summary>
/// The fetches in flight, one per path at most, and the spool bytes they hold on disk (bounded by
/// <see cref="SharedReadOptions.MaxSpoolBytes"/>). Counts each read on <c>berth.storage.shared_reads</c> by how it was served.
/// </summary>
internal sealed class SharedFetches
{
    public const string SpoolPrefix = "berth-read-";

    private readonly ConcurrentDictionary<string, SharedFetch> _fetches = new(StringComparer.Ordinal);
    private readonly IStorageDriver _inner;
    private readonly SharedReadOptions _options;
    private readonly string _directory;
    private readonly StorageMetrics _metrics;
    private readonly ILogger _logger;
    // Blocks of in-memory spools, kept for reuse up to the memory bound: a 256 KiB array is a large-object-heap
    // allocation, which allocated per read would grow the heap until a full collection.
    private readonly ArrayPool<byte> _blocks;
    private long _spooledBytes;
    private long _memoryBytes;

    public SharedFetches(IStorageDriver inner, SharedReadOptions options, string spoolDirectory, StorageMetrics metrics, ILogger logger)
    {
        _inner = inner;
        _options = options;
        _directory = spoolDirectory;
        _metrics = metrics;
        _logger = logger;
        _blocks = ArrayPool<byte>.Create(SpoolMemoryContent.BlockSize, (int)Math.Clamp(options.MaxMemoryBytes / SpoolMemoryContent.BlockSize, 1, 1 << 16));
        var swept = Spool.Sweep(spoolDirectory, SpoolPrefix);
        Log.SharedReadsStarted(logger, inner.Name, spoolDirectory, options.MinBytes, options.MaxSpoolBytes, options.MaxMemoryObjectBytes, options.MaxMemoryBytes, swept);
    }

    /// <summary>Fetches in flight (tests).</summary>
    public int InFlight => _fetches.Count;

    /// <summary>Spool bytes held on disk and in memory (tests).</summary>
    public long SpooledBytes => Interlocked.Read(ref _spooledBytes);

    /// <summary>Spool bytes held in memory (tests).</summary>
    public long MemoryBytes => Interlocked.Read(ref _memoryBytes);

    public async Task<StorageRead> OpenReadAsync(string path, long offset, CancellationToken cancellationToken)
    {
        while (true)
        {
            var created = false;
            if (!_fetches.TryGetValue(path, out var fetch) || !fetch.TryJoin())
            {
                if (offset > 0)
                {
                    // A range with no fetch of the whole object in flight: not worth one.
                    return await DirectAsync(path, offset, cancellationToken);
                }

                var fresh = new SharedFetch(this, path);
                fresh.TryJoin();
                if (!_fetches.TryAdd(path, fresh))
                {
                    continue;
                }

                fetch = fresh;
                created = true;
                _ = Task.Run(() => fresh.RunAsync(_inner), CancellationToken.None);
            }

            var (read, spooled) = await fetch.ReadAsync(offset, cancellationToken);
            if (spooled)
            {
                _metrics.SharedRead(_inner.Name, created ? "fetched" : "joined");
                return read!;
            }

            if (read is not null)
            {
                _metrics.SharedRead(_inner.Name, "direct");
                return read;
            }

            return await DirectAsync(path, offset, cancellationToken);
        }
    }

    /// <summary>
    /// A spool for an object of <paramref name="size"/> bytes, in memory when it is small and the memory bound allows,
    /// else in a file; null when it is too small or would exceed the bound. <see cref="Unreserve"/> gives its bytes back.
    /// </summary>
    public Spool? TryCreateSpool(string path, long size, out bool inMemory)
    {
        inMemory = false;
        if (size < _options.MinBytes)
        {
            return null;
        }

        if (Interlocked.Add(ref _spooledBytes, size) > _options.MaxSpoolBytes)
        {
            Interlocked.Add(ref _spooledBytes, -size);
            Log.SpoolFull(_logger, path, size, _options.MaxSpoolBytes);
            return null;
        }

        var what = $"Fetching {path} from the store";
        if (size <= _options.MaxMemoryObjectBytes)
        {
            if (Interlocked.Add(ref _memoryBytes, size) <= _options.MaxMemoryBytes)
            {
                inMemory = true;
                return Spool.InMemory(size, _blocks, what);
            }

            Interlocked.Add(ref _memoryBytes, -size);
        }

        try
        {
            return new Spool(_directory, SpoolPrefix, what);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Interlocked.Add(ref _spooledBytes, -size);
            Log.SpoolUnavailable(_logger, path, _directory, e);
            return null;
        }
    }

    public void Unreserve(long bytes, bool inMemory)
    {
        Interlocked.Add(ref _spooledBytes, -bytes);
        if (inMemory)
        {
            Interlocked.Add(ref _memoryBytes, -bytes);
        }
    }

    public void Forget(SharedFetch fetch) => _fetches.TryRemove(new KeyValuePair<string, SharedFetch>(fetch.Path, fetch));

    public void Spooled(SharedFetch fetch, long size) => Log.Spooled(_logger, fetch.Path, size);

    public void Failed(SharedFetch fetch, Exception failure, bool abandoned)
    {
        if (abandoned)
        {
            Log.Abandoned(_logger, fetch.Path);
        }
        else if (failure is not StorageNotFoundException)
        {
            Log.FetchFailed(_logger, fetch.Path, failure);
        }
    }

    private Task<StorageRead> DirectAsync(string path, long offset, CancellationToken cancellationToken)
    {
        _metrics.SharedRead(_inner.Name, "direct");
        return _inner.OpenReadAsync(path, offset, cancellationToken);
    }
}
