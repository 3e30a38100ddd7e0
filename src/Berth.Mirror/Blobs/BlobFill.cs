using Berth.Registry.Content;
using Berth.Registry.Names;
using Berth.Storage.SharedReads;

namespace Berth.Mirror.Blobs;

/// <summary>
/// One blob being fetched from the upstream. Its bytes land in a <see cref="Spool"/> as they arrive, so any number
/// of clients read it at their own pace while it grows, and none of them owns it: a client leaving does not stop the
/// fetch. The last byte is held back until the digest is verified, so no client ever receives a complete body that is
/// wrong. The spool is deleted when the fetch and every reader are done with it.
/// </summary>
internal sealed class BlobFill : IDisposable
{
    public const string SpoolPrefix = "berth-fill-";

    private readonly Spool _spool;
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource<long?> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _users = 1;

    public BlobFill(RepositoryName name, Digest digest, string spoolDirectory)
    {
        Name = name;
        Digest = digest;
        Id = Guid.NewGuid().ToString("N");
        _spool = new Spool(spoolDirectory, SpoolPrefix, $"Fetching {digest} from the upstream");
    }

    public RepositoryName Name { get; }

    public Digest Digest { get; }

    public string Id { get; }

    /// <summary>Completes with the blob's length (null when the upstream did not say) once the upstream answered.</summary>
    public Task<long?> Started => _started.Task;

    /// <summary>A reader from the first byte; false when the fill is over and its spool gone (read the store instead).</summary>
    public bool TryOpenReader(Action<long> onRead, out SpoolReadStream? reader)
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

        reader = new SpoolReadStream(_spool, 0, onRead, Release);
        return true;
    }

    public void Release()
    {
        lock (_gate)
        {
            if (--_users == 0)
            {
                Dispose();
            }
        }
    }

    public void MarkStarted(long? length) => _started.TrySetResult(length);

    public ValueTask AppendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) => _spool.AppendAsync(data, cancellationToken);

    public void Complete() => _spool.Complete();

    public void Fail(Exception failure)
    {
        _spool.Fail(failure);
        _started.TrySetException(failure);
    }

    /// <summary>Deletes the spool; called by the last <see cref="Release"/>.</summary>
    public void Dispose() => _spool.Dispose();
}
