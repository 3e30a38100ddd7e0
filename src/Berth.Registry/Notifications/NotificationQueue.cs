using System.Globalization;

namespace Berth.Registry.Notifications;

/// <summary>
/// One endpoint's queue on disk: a file per envelope, named &lt;sequence&gt;-&lt;event count&gt;.json and written to a
/// temporary file, flushed to disk and renamed, so a crash leaves whole envelopes or none. A lock file keeps a second
/// process from delivering the same queue. Past <see cref="Capacity"/> the oldest envelope is deleted.
/// </summary>
internal sealed class NotificationQueue : IDisposable
{
    private const string LockFileName = ".lock";
    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, QueuedEnvelope> _pending = [];
    private readonly FileStream _lock;
    private TaskCompletionSource _appended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _next;

    private NotificationQueue(string directory, int capacity, FileStream lockFile)
    {
        Directory = directory;
        Capacity = capacity;
        _lock = lockFile;
    }

    public string Directory { get; }

    public int Capacity { get; }

    /// <summary>Events waiting, across every envelope.</summary>
    public long EventCount
    {
        get
        {
            lock (_gate)
            {
                return _pending.Values.Sum(e => (long)e.EventCount);
            }
        }
    }

    /// <summary>Takes the folder's lock and reads back the envelopes a previous run left; torn temporary files are removed.</summary>
    public static NotificationQueue Open(string directory, int capacity)
    {
        System.IO.Directory.CreateDirectory(directory);
        FileStream lockFile;
        try
        {
            lockFile = new FileStream(Path.Combine(directory, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new InvalidOperationException(
                $"The notification queue '{directory}' is in use by another Berth process; give each node its own Notifications:QueueDirectory.", e);
        }

        var queue = new NotificationQueue(directory, capacity, lockFile);
        foreach (var temporary in System.IO.Directory.EnumerateFiles(directory, "*.tmp"))
        {
            File.Delete(temporary);
        }

        foreach (var path in System.IO.Directory.EnumerateFiles(directory, "*.json"))
        {
            if (TryParseName(Path.GetFileNameWithoutExtension(path), out var sequence, out var count))
            {
                queue._pending[sequence] = new QueuedEnvelope(sequence, count, path);
                queue._next = Math.Max(queue._next, sequence + 1);
            }
        }

        return queue;
    }

    /// <summary>Writes an envelope durably and queues it; returns the envelopes dropped to stay within capacity.</summary>
    public async Task<IReadOnlyList<QueuedEnvelope>> AppendAsync(byte[] envelope, int eventCount, CancellationToken cancellationToken)
    {
        long sequence;
        lock (_gate)
        {
            sequence = _next++;
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"{sequence:D19}-{eventCount}");
        var temporary = Path.Combine(Directory, name + ".tmp");
        var path = Path.Combine(Directory, name + ".json");
        await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0, useAsync: true))
        {
            await file.WriteAsync(envelope, cancellationToken);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path);
        var dropped = new List<QueuedEnvelope>();
        lock (_gate)
        {
            _pending[sequence] = new QueuedEnvelope(sequence, eventCount, path);
            while (_pending.Count > Capacity)
            {
                var oldest = _pending.First().Value;
                _pending.Remove(oldest.Sequence);
                dropped.Add(oldest);
            }

            _appended.TrySetResult();
        }

        foreach (var envelopeDropped in dropped)
        {
            File.Delete(envelopeDropped.Path);
        }

        return dropped;
    }

    /// <summary>The oldest envelope, waiting for one when the queue is empty.</summary>
    private async Task<QueuedEnvelope> PeekAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task appended;
            lock (_gate)
            {
                if (_pending.Count > 0)
                {
                    return _pending.First().Value;
                }

                if (_appended.Task.IsCompleted)
                {
                    _appended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                appended = _appended.Task;
            }

            await appended.WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// The oldest envelope and those queued right after it while their events add up to at most maxEvents, so a
    /// backlog of small envelopes goes out in fewer, larger requests; waits for one when the queue is empty.
    /// </summary>
    public async Task<IReadOnlyList<QueuedEnvelope>> PeekRunAsync(int maxEvents, CancellationToken cancellationToken)
    {
        var first = await PeekAsync(cancellationToken);
        var run = new List<QueuedEnvelope> { first };
        lock (_gate)
        {
            var events = first.EventCount;
            foreach (var next in _pending.Values.SkipWhile(e => e.Sequence <= first.Sequence))
            {
                if (events + next.EventCount > maxEvents)
                {
                    break;
                }

                run.Add(next);
                events += next.EventCount;
            }
        }

        return run;
    }

    /// <summary>False once the envelope was delivered, given up on, or dropped as the oldest of a full queue.</summary>
    public bool Contains(QueuedEnvelope envelope)
    {
        lock (_gate)
        {
            return _pending.ContainsKey(envelope.Sequence);
        }
    }

    /// <summary>Deletes the envelope's file; false when it was already gone from the queue.</summary>
    public bool Remove(QueuedEnvelope envelope)
    {
        lock (_gate)
        {
            if (!_pending.Remove(envelope.Sequence))
            {
                return false;
            }
        }

        File.Delete(envelope.Path);
        return true;
    }

    public void Dispose() => _lock.Dispose();

    private static bool TryParseName(string name, out long sequence, out int count)
    {
        count = 0;
        var dash = name.IndexOf('-', StringComparison.Ordinal);
        sequence = 0;
        return dash > 0
            && long.TryParse(name.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out sequence)
            && int.TryParse(name.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out count);
    }
}
