namespace Berth.Storage.S3;

/// <summary>
/// The unsent tails this process's writers left in writer-state objects, kept in memory with the state's id, so a
/// writer that continues on the same node reads the state's metadata alone (a HEAD) instead of the whole tail: a push
/// in 1 MiB chunks otherwise reads back 1, 2, 3… MiB before each chunk. The state in the store stays the truth: an
/// entry is used only when the store's state carries the same id, and entries go oldest first beyond
/// <see cref="MaxBytes"/>, so abandoned uploads cost a re-read, never memory without bound.
/// </summary>
internal sealed class S3TailCache : IDisposable
{
    /// <summary>At most this much memory holds tails (in 1 MiB segments): a tail is under 5 MiB, so 25 or more uploads between chunks.</summary>
    public const long MaxBytes = 128L * 1024 * 1024;

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private long _bytes;
    private long _sequence;

    /// <summary>Takes the tail saved for the state key, if any; the caller owns (and disposes) the buffer.</summary>
    public (string StateId, PartBuffer Tail)? Take(string stateKey)
    {
        lock (_lock)
        {
            if (!_entries.Remove(stateKey, out var entry))
            {
                return null;
            }

            _bytes -= entry.Tail.Capacity;
            return (entry.StateId, entry.Tail);
        }
    }

    /// <summary>Keeps <paramref name="tail"/> (taking ownership) as the content of the state written with <paramref name="stateId"/>.</summary>
    public void Save(string stateKey, string stateId, PartBuffer tail)
    {
        tail.TrimExcess();
        List<PartBuffer> evicted = [];
        lock (_lock)
        {
            if (_entries.Remove(stateKey, out var previous))
            {
                _bytes -= previous.Tail.Capacity;
                evicted.Add(previous.Tail);
            }

            _entries[stateKey] = new Entry(stateId, tail, _sequence++);
            _bytes += tail.Capacity;
            while (_bytes > MaxBytes && _entries.Count > 0)
            {
                var oldest = _entries.MinBy(e => e.Value.Sequence);
                _entries.Remove(oldest.Key);
                _bytes -= oldest.Value.Tail.Capacity;
                evicted.Add(oldest.Value.Tail);
            }
        }

        foreach (var buffer in evicted)
        {
            buffer.Dispose();
        }
    }

    /// <summary>Drops the tail of a state that was deleted or replaced by a new writer.</summary>
    public void Remove(string stateKey) => Take(stateKey)?.Tail.Dispose();

    /// <summary>Drops the tails of the states a delete of a path removes: the object's own and every one under it.</summary>
    public void RemoveUnder(string stateKey, string directoryPrefix)
    {
        List<string> keys;
        lock (_lock)
        {
            keys = [.. _entries.Keys.Where(k => k == stateKey || k.StartsWith(directoryPrefix, StringComparison.Ordinal))];
        }

        foreach (var key in keys)
        {
            Remove(key);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var entry in _entries.Values)
            {
                entry.Tail.Dispose();
            }

            _entries.Clear();
            _bytes = 0;
        }
    }

    private sealed record Entry(string StateId, PartBuffer Tail, long Sequence);
}
