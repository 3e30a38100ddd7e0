using System.Runtime.CompilerServices;

namespace Berth.Storage.InMemory;

/// <summary>
/// Keeps every object in process memory, for unit tests only: it holds whole objects as arrays, which no
/// production driver may do. Directories are implied by paths, as in an object store.
/// </summary>
public sealed class InMemoryStorageDriver(TimeProvider timeProvider) : IStorageDriver
{
    private readonly SortedDictionary<string, InMemoryObject> _objects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _closedWriters = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public InMemoryStorageDriver()
        : this(TimeProvider.System)
    {
    }

    public string Name => "inmemory";

    public Task<byte[]> GetContentAsync(string path, CancellationToken cancellationToken) =>
        Task.FromResult(Find(path).Content.ToArray());

    public Task PutContentAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        Commit(path, content.ToArray(), keepClosedWriter: true);
        return Task.CompletedTask;
    }

    public Task<StorageRead> OpenReadAsync(string path, long offset, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var content = Find(path).Content;
        var start = (int)Math.Min(offset, content.Length);
        return Task.FromResult(new StorageRead(new MemoryStream(content, start, content.Length - start, writable: false), content.Length));
    }

    public Task<IStorageWriter> CreateWriterAsync(string path, bool append, CancellationToken cancellationToken)
    {
        byte[]? earlier;
        lock (_lock)
        {
            if (!append)
            {
                _closedWriters.Remove(path);
                earlier = [];
            }
            else if (!_closedWriters.TryGetValue(path, out earlier))
            {
                throw new StorageNotFoundException(path);
            }
        }

        return Task.FromResult<IStorageWriter>(new InMemoryStorageWriter(this, path, earlier));
    }

    public Task<long> GetAppendableSizeAsync(string path, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return _closedWriters.TryGetValue(path, out var earlier)
                ? Task.FromResult<long>(earlier.Length)
                : throw new StorageNotFoundException(path);
        }
    }

    public Task<StorageObjectInfo> StatAsync(string path, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_objects.TryGetValue(path, out var found))
            {
                return Task.FromResult(new StorageObjectInfo(path, found.Content.Length, found.ModifiedAt, IsDirectory: false));
            }

            var prefix = DirectoryPrefix(path);
            var newest = _objects.Where(o => o.Key.StartsWith(prefix, StringComparison.Ordinal)).Select(o => (DateTimeOffset?)o.Value.ModifiedAt).Max();
            return newest is { } modifiedAt
                ? Task.FromResult(new StorageObjectInfo(path, 0, modifiedAt, IsDirectory: true))
                : throw new StorageNotFoundException(path);
        }
    }

    public Task<StorageObjectInfo> StatObjectAsync(string path, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return _objects.TryGetValue(path, out var found)
                ? Task.FromResult(new StorageObjectInfo(path, found.Content.Length, found.ModifiedAt, IsDirectory: false))
                : throw new StorageNotFoundException(path);
        }
    }

    public async IAsyncEnumerable<string> ListAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var prefix = DirectoryPrefix(path);
        List<string> children;
        lock (_lock)
        {
            children = _objects.Keys
                .Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
                .Select(k => k.IndexOf('/', prefix.Length) is var slash and >= 0 ? k[..slash] : k)
                .Distinct(StringComparer.Ordinal)
                .ToList();
        }

        if (children.Count == 0 && path != "/")
        {
            throw new StorageNotFoundException(path);
        }

        await Task.CompletedTask;
        foreach (var child in children)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return child;
        }
    }

    public Task MoveAsync(string sourcePath, string destinationPath, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_objects.Remove(sourcePath, out var moved))
            {
                throw new StorageNotFoundException(sourcePath);
            }

            _objects[destinationPath] = moved with { ModifiedAt = timeProvider.GetUtcNow() };
        }

        return Task.CompletedTask;
    }

    public Task DeleteAsync(string path, CancellationToken cancellationToken)
    {
        var prefix = DirectoryPrefix(path);
        lock (_lock)
        {
            var removed = _objects.Remove(path);
            foreach (var key in _objects.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList())
            {
                removed |= _objects.Remove(key);
            }

            foreach (var key in _closedWriters.Keys.Where(k => k == path || k.StartsWith(prefix, StringComparison.Ordinal)).ToList())
            {
                _closedWriters.Remove(key);
            }

            if (!removed)
            {
                throw new StorageNotFoundException(path);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Nothing outlives the process that wrote it.</summary>
    public Task<int> PurgeAbandonedWritesAsync(string path, DateTimeOffset startedBefore, CancellationToken cancellationToken) => Task.FromResult(0);

    public Task<Uri?> GetRedirectUrlAsync(string path, CancellationToken cancellationToken) => Task.FromResult<Uri?>(null);

    internal void KeepForAppend(string path, byte[] content)
    {
        lock (_lock)
        {
            _closedWriters[path] = content;
        }
    }

    internal void Commit(string path, byte[] content, bool keepClosedWriter = false)
    {
        lock (_lock)
        {
            if (!keepClosedWriter)
            {
                _closedWriters.Remove(path);
            }

            _objects[path] = new InMemoryObject(content, timeProvider.GetUtcNow());
        }
    }

    internal void Discard(string path)
    {
        lock (_lock)
        {
            _closedWriters.Remove(path);
        }
    }

    private static string DirectoryPrefix(string path) => path == "/" ? "/" : path + "/";

    private InMemoryObject Find(string path)
    {
        lock (_lock)
        {
            return _objects.TryGetValue(path, out var found) ? found : throw new StorageNotFoundException(path);
        }
    }
}
