using System.Collections.Concurrent;

namespace Berth.Replication.Execution;

/// <summary>
/// Which repository of a destination registry is known to hold a blob (it was copied or found there), so the next
/// repository needing it mounts it instead of uploading it again. Bounded: forgotten wholesale when full, since a
/// forgotten blob only costs a HEAD and an upload.
/// </summary>
internal sealed class TargetBlobLocations
{
    private const int MaxEntries = 200_000;
    private readonly ConcurrentDictionary<(string Registry, string Digest), string> _repositories = new();

    public void Remember(string registry, string digest, string repository)
    {
        if (_repositories.Count >= MaxEntries)
        {
            _repositories.Clear();
        }

        _repositories[(registry, digest)] = repository;
    }

    public string? Find(string registry, string digest) => _repositories.TryGetValue((registry, digest), out var repository) ? repository : null;
}
