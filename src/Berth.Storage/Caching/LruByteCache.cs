namespace Berth.Storage.Caching;

/// <summary>A least-recently-used map from path to content, bounded by the total bytes held.</summary>
internal sealed class LruByteCache(long maxBytes)
{
    private readonly Dictionary<string, LinkedListNode<(string Path, byte[] Content)>> _index = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Path, byte[] Content)> _recency = new();
    private readonly Lock _lock = new();
    private long _bytes;

    public long Bytes
    {
        get
        {
            lock (_lock)
            {
                return _bytes;
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _index.Count;
            }
        }
    }

    public bool TryGet(string path, out byte[] content)
    {
        lock (_lock)
        {
            if (_index.TryGetValue(path, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                content = node.Value.Content;
                return true;
            }
        }

        content = [];
        return false;
    }

    public void Set(string path, byte[] content)
    {
        if (content.Length > maxBytes)
        {
            return;
        }

        lock (_lock)
        {
            RemoveLocked(path);
            _index[path] = _recency.AddFirst((path, content));
            _bytes += content.Length;
            while (_bytes > maxBytes && _recency.Last is { } oldest)
            {
                RemoveLocked(oldest.Value.Path);
            }
        }
    }

    public void Remove(string path)
    {
        lock (_lock)
        {
            RemoveLocked(path);
        }
    }

    /// <summary>Removes <paramref name="path"/> and everything under it.</summary>
    public void RemoveTree(string path)
    {
        var prefix = path == "/" ? "/" : path + "/";
        lock (_lock)
        {
            RemoveLocked(path);
            foreach (var key in _index.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList())
            {
                RemoveLocked(key);
            }
        }
    }

    private void RemoveLocked(string path)
    {
        if (_index.Remove(path, out var node))
        {
            _recency.Remove(node);
            _bytes -= node.Value.Content.Length;
        }
    }
}
