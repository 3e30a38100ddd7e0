using Berth.Registry.Content;
using Berth.Registry.Names;
using Microsoft.Win32.SafeHandles;

namespace Berth.Mirror.Blobs;

/// <summary>
/// One blob being fetched from the upstream. Its bytes land in a spool file as they arrive, so any number of clients
/// read it at their own pace while it grows, and none of them owns it: a client leaving does not stop the fetch.
/// The last byte is held back until the digest is verified, so no client ever receives a complete body that is wrong.
/// The spool is deleted when the fetch and every reader are done with it.
/// </summary>
internal sealed class BlobFill
{
    private const int Running = 0;
    private const int Verified = 1;
    private const int Failed = 2;

    private readonly SafeFileHandle _spool;
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource<long?> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _progress = NewSignal();
    private long _written;
    private int _state;
    private int _users = 1;
    private Exception? _failure;

    public BlobFill(RepositoryName name, Digest digest, string spoolDirectory)
    {
        Name = name;
        Digest = digest;
        Id = Guid.NewGuid().ToString("N");
        Directory.CreateDirectory(spoolDirectory);
        _spool = File.OpenHandle(
            Path.Combine(spoolDirectory, "berth-fill-" + Id),
            FileMode.CreateNew,
            FileAccess.ReadWrite,
            FileShare.None,
            FileOptions.Asynchronous | FileOptions.DeleteOnClose);
    }

    public RepositoryName Name { get; }

    public Digest Digest { get; }

    public string Id { get; }

    /// <summary>Completes with the blob's length (null when the upstream did not say) once the upstream answered.</summary>
    public Task<long?> Started => _started.Task;

    /// <summary>A reader from the first byte; false when the fill is over and its spool gone (read the store instead).</summary>
    public bool TryOpenReader(Action<long> onRead, out BlobFillStream? reader)
    {
        lock (_gate)
        {
            if (_users == 0)
            {
                reader = null;
                return false;
            }

            _users++;
        }

        reader = new BlobFillStream(this, onRead);
        return true;
    }

    public void Release()
    {
        lock (_gate)
        {
            if (--_users == 0)
            {
                _spool.Dispose();
            }
        }
    }

    public void MarkStarted(long? length) => _started.TrySetResult(length);

    public async ValueTask AppendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        await RandomAccess.WriteAsync(_spool, data, _written, cancellationToken);
        Volatile.Write(ref _written, _written + data.Length);
        Signal();
    }

    public void Complete()
    {
        Volatile.Write(ref _state, Verified);
        Signal();
    }

    public void Fail(Exception failure)
    {
        _failure = failure;
        Volatile.Write(ref _state, Failed);
        _started.TrySetException(failure);
        Signal();
    }

    /// <summary>Reads at <paramref name="position"/>, waiting for the fetch to get there; 0 at the verified end.</summary>
    public async ValueTask<int> ReadAsync(long position, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (true)
        {
            // Taken before the state so that a change after this point has completed the signal awaited below.
            var progress = Volatile.Read(ref _progress).Task;
            var state = Volatile.Read(ref _state);
            var written = Volatile.Read(ref _written);
            if (state == Failed)
            {
                throw new IOException($"Fetching {Digest} from the upstream failed: {_failure?.Message}", _failure);
            }

            var readable = state == Verified ? written : written - 1;
            if (position < readable)
            {
                var count = (int)Math.Min(buffer.Length, readable - position);
                return await RandomAccess.ReadAsync(_spool, buffer[..count], position, cancellationToken);
            }

            if (state == Verified)
            {
                return 0;
            }

            await progress.WaitAsync(cancellationToken);
        }
    }

    private void Signal() => Interlocked.Exchange(ref _progress, NewSignal()).TrySetResult();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
