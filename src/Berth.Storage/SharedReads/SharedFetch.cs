using System.Buffers;

namespace Berth.Storage.SharedReads;

/// <summary>
/// One object being fetched from the store for every reader that wants it at the moment. The fetch runs on its own,
/// owned by no reader, so a client leaving does not stop it for the others; it stops only when every reader has left.
/// Once the store answered, the object is either spooled (readers follow the growing file) or, when it is too small
/// or the spool bound is reached, handed to one reader as the store's own stream, the others opening their own.
/// </summary>
internal sealed class SharedFetch : IDisposable
{
    private const int BufferSize = 256 * 1024;
    private const int MinimumRead = 64 * 1024;

    private readonly SharedFetches _owner;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();

    // The object's size once spooling, null when each reader reads the store itself; faulted with the store's error.
    private readonly TaskCompletionSource<long?> _answered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private StorageRead? _handoff;
    private Spool? _spool;
    private long _reserved;
    private bool _inMemory;
    private int _readers;
    private bool _running = true;
    private bool _closed;
    private bool _released;

    public SharedFetch(SharedFetches owner, string path)
    {
        _owner = owner;
        Path = path;
    }

    public string Path { get; }

    /// <summary>Adds a reader; false when the fetch is over for newcomers (failed, or every reader left), so start another.</summary>
    public bool TryJoin()
    {
        lock (_gate)
        {
            if (_closed)
            {
                return false;
            }

            _readers++;
            return true;
        }
    }

    /// <summary>
    /// The joined reader's view from <paramref name="offset"/>: the spool, or the store's own stream from the start when
    /// this fetch does not spool (null when another reader took it or the offset is not 0: open your own). Throws what
    /// the store threw on opening.
    /// </summary>
    public async Task<(StorageRead? Read, bool Spooled)> ReadAsync(long offset, CancellationToken cancellationToken)
    {
        long? size;
        try
        {
            size = await _answered.Task.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave();
            throw;
        }

        if (size is not { } spooled)
        {
            var handoff = offset == 0 ? Interlocked.Exchange(ref _handoff, null) : null;
            Leave();
            return (handoff, false);
        }

        return (new StorageRead(new SpoolReadStream(_spool!, offset, static _ => { }, Leave), spooled), true);
    }

    /// <summary>Opens the object and spools it; runs once, on its own task.</summary>
    public async Task RunAsync(IStorageDriver inner)
    {
        var cancellationToken = _stop.Token;
        try
        {
            var read = await inner.OpenReadAsync(Path, 0, cancellationToken);
            _spool = _owner.TryCreateSpool(Path, read.Size, out _inMemory);
            if (_spool is null)
            {
                _handoff = read;
                Close();
                _answered.TrySetResult(null);
                return;
            }

            await using (read)
            {
                _reserved = read.Size;
                _answered.TrySetResult(read.Size);
                await CopyAsync(read, _spool, cancellationToken);
            }

            _spool.Complete();
            _owner.Spooled(this, read.Size);
        }
        catch (Exception e)
        {
            // Closed before failing: a reader told of the failure may retry at once and must start a new fetch.
            var abandoned = Close();
            if (!_answered.TrySetException(e))
            {
                _spool!.Fail(e);
            }

            _owner.Failed(this, e, abandoned);
        }
        finally
        {
            lock (_gate)
            {
                _running = false;
            }

            ReleaseWhenDone();
        }
    }

    /// <summary>Called once the fetch has ended and every reader has left.</summary>
    public void Dispose() => _stop.Dispose();

    private static async Task CopyAsync(StorageRead read, Spool spool, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            int count;
            while ((count = await read.Content.ReadAtLeastAsync(buffer.AsMemory(0, BufferSize), MinimumRead, throwOnEndOfStream: false, cancellationToken)) > 0)
            {
                await spool.AppendAsync(buffer.AsMemory(0, count), cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        // The store's stream ended early (a cut connection some clients report as a normal end): never whole.
        if (spool.Written != read.Size)
        {
            throw new IOException($"The store sent {spool.Written} of {read.Size} bytes.");
        }
    }

    private void Leave()
    {
        bool stopFetch;
        lock (_gate)
        {
            if (--_readers > 0)
            {
                return;
            }

            _closed = true;
            stopFetch = _running;
        }

        _owner.Forget(this);
        if (stopFetch)
        {
            // Nobody reads it any more; a reader arriving now starts a fetch of its own.
            Stop();
        }

        ReleaseWhenDone();
    }

    /// <summary>Takes the fetch off the table for newcomers; true when every reader had already left.</summary>
    private bool Close()
    {
        bool abandoned;
        lock (_gate)
        {
            _closed = true;
            abandoned = _readers == 0;
        }

        _owner.Forget(this);
        return abandoned;
    }

    /// <summary>Stops the fetch: nobody reads it any more.</summary>
    private void Stop()
    {
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The fetch ended and was released meanwhile: nothing to stop.
        }
    }

    private void ReleaseWhenDone()
    {
        lock (_gate)
        {
            if (_running || _readers > 0 || _released)
            {
                return;
            }

            _released = true;
        }

        _spool?.Dispose();
        Interlocked.Exchange(ref _handoff, null)?.Dispose();
        _owner.Unreserve(_reserved, _inMemory);
        Dispose();
    }
}
