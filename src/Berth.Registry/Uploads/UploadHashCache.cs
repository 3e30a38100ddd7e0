using System.Collections.Concurrent;
using System.Security.Cryptography;
using Berth.Registry.Content;

namespace Berth.Registry.Uploads;

/// <summary>
/// The running hash of uploads this process has seen, keyed by upload id and valid only at the exact byte offset it
/// was saved at. A miss (another node took the previous chunk, a restart, a failed chunk) means re-hashing the
/// stored bytes, so the cache is an optimisation, never the source of truth.
/// </summary>
public sealed class UploadHashCache(TimeProvider timeProvider) : IDisposable
{
    private const int MaxEntries = 4096;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Takes the hash out of the cache if it was saved for this algorithm at this offset.</summary>
    public IncrementalHash? Take(string uploadId, DigestAlgorithm algorithm, long offset)
    {
        if (!_entries.TryRemove(uploadId, out var entry))
        {
            return null;
        }

        if (entry.Algorithm == algorithm && entry.Offset == offset)
        {
            return entry.Hash;
        }

        entry.Hash.Dispose();
        return null;
    }

    public void Save(string uploadId, DigestAlgorithm algorithm, long offset, IncrementalHash hash)
    {
        if (_entries.Count >= MaxEntries)
        {
            EvictOldest();
        }

        var entry = new Entry(algorithm, offset, hash, timeProvider.GetTimestamp());
        _entries.AddOrUpdate(uploadId, entry, (_, previous) =>
        {
            previous.Hash.Dispose();
            return entry;
        });
    }

    public void Remove(string uploadId)
    {
        if (_entries.TryRemove(uploadId, out var entry))
        {
            entry.Hash.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var key in _entries.Keys)
        {
            Remove(key);
        }
    }

    /// <summary>Abandoned uploads would otherwise pin their hash state forever; dropping the older half only costs a re-hash.</summary>
    private void EvictOldest()
    {
        var ordered = _entries.OrderBy(e => e.Value.SavedAt).Take(MaxEntries / 2).Select(e => e.Key).ToList();
        foreach (var key in ordered)
        {
            Remove(key);
        }
    }

    private sealed record Entry(DigestAlgorithm Algorithm, long Offset, IncrementalHash Hash, long SavedAt);
}
