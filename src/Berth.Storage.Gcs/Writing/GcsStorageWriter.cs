using System.Buffers;
using Berth.Storage.Gcs.Configuration;
using Google;
using GcsObject = Google.Apis.Storage.v1.Data.Object;

namespace Berth.Storage.Gcs.Writing;

/// <summary>
/// Streams an object to GCS through a resumable upload session, holding at most one chunk (Storage:Gcs:ChunkSize) in a
/// pooled buffer. The session is opened when the first full chunk is sent and recorded in a state object of its own, so
/// a purge can cancel it if the process dies. Close sends what it can (whole 256 KiB units) and leaves the session URI,
/// the size and the rest in the closed-writer state, so a writer on any node can continue; Commit sends the last chunk
/// with the total, which creates the object (or, for content that never filled a chunk, uploads it in one request).
/// </summary>
internal sealed class GcsStorageWriter : IStorageWriter
{
    private readonly GcsStore _store;
    private readonly string _path;
    private readonly string _stateName;
    private byte[]? _buffer;
    private int _buffered;
    private Uri? _session;
    private long _sent;
    private string? _openRecord;
    private bool _resumed;
    private bool _done;
    private bool _faulted;

    private GcsStorageWriter(GcsStore store, string path)
    {
        _store = store;
        _path = path;
        _stateName = GcsWriterState.Name(store.Keys, path);
    }

    public long Size => _sent + _buffered;

    public static async Task<GcsStorageWriter> OpenAsync(GcsStore store, string path, bool append, CancellationToken cancellationToken)
    {
        var writer = new GcsStorageWriter(store, path);
        if (append)
        {
            await writer.ResumeAsync(cancellationToken);
        }
        else
        {
            await DiscardStateAsync(store, writer._stateName, cancellationToken);
        }

        return writer;
    }

    /// <summary>Cancels the session a state object names and deletes the state; false when there was none.</summary>
    internal static async Task<bool> DiscardStateAsync(GcsStore store, string stateName, CancellationToken cancellationToken)
    {
        GcsObject state;
        try
        {
            state = await store.Client.GetObjectAsync(store.Bucket, stateName, cancellationToken: cancellationToken);
        }
        catch (GoogleApiException e) when (GcsStore.IsNotFound(e))
        {
            return false;
        }

        await DiscardStateAsync(store, state, cancellationToken);
        return true;
    }

    internal static async Task DiscardStateAsync(GcsStore store, GcsObject state, CancellationToken cancellationToken)
    {
        if (GcsWriterState.SessionOf(state) is { } session)
        {
            await store.CancelSessionAsync(session, cancellationToken);
        }

        await store.DeleteIfExistsAsync(state.Name, cancellationToken);
    }

    /// <summary>The size a closed writer recorded in its state, read from the state's metadata alone.</summary>
    internal static async Task<long> ReadAppendableSizeAsync(GcsStore store, string path, CancellationToken cancellationToken)
    {
        try
        {
            var state = await store.Client.GetObjectAsync(store.Bucket, GcsWriterState.Name(store.Keys, path), cancellationToken: cancellationToken);
            return GcsWriterState.Number(state, GcsWriterState.Size);
        }
        catch (GoogleApiException e) when (GcsStore.IsNotFound(e))
        {
            throw new StorageNotFoundException(path, e);
        }
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        if (_done)
        {
            throw new InvalidOperationException($"The writer of {_path} was committed, closed or cancelled.");
        }

        try
        {
            while (!buffer.IsEmpty)
            {
                _buffer ??= ArrayPool<byte>.Shared.Rent(_store.ChunkSize);
                var count = Math.Min(buffer.Length, _store.ChunkSize - _buffered);
                buffer.Span[..count].CopyTo(_buffer.AsSpan(_buffered));
                _buffered += count;
                buffer = buffer[count..];
                if (_buffered == _store.ChunkSize)
                {
                    await SendAsync(_buffered, cancellationToken);
                }
            }
        }
        catch
        {
            _faulted = true;
            throw;
        }
    }

    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        if (_done)
        {
            return;
        }

        ThrowIfFaulted();
        _done = true;
        try
        {
            var whole = _buffered / GcsStorageOptions.ChunkGranularity * GcsStorageOptions.ChunkGranularity;
            if (whole > 0)
            {
                await SendAsync(whole, cancellationToken);
            }

            var tail = new MemoryStream(_buffer ?? [], 0, _buffered, writable: false);
            var state = new GcsObject { Bucket = _store.Bucket, Name = _stateName, Metadata = GcsWriterState.Of(_session, Size, _sent) };
            await _store.Client.UploadObjectAsync(state, tail, cancellationToken: cancellationToken);
            if (_openRecord is not null)
            {
                await _store.DeleteIfExistsAsync(_openRecord, cancellationToken);
            }
        }
        finally
        {
            ReleaseBuffer();
        }
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (_done)
        {
            throw new InvalidOperationException($"The writer of {_path} was committed, closed or cancelled.");
        }

        ThrowIfFaulted();
        _done = true;
        try
        {
            var total = Size;
            if (_session is null)
            {
                using var content = new MemoryStream(_buffer ?? [], 0, _buffered, writable: false);
                await _store.Client.UploadObjectAsync(_store.Bucket, _store.Keys.Key(_path), "application/octet-stream", content, cancellationToken: cancellationToken);
            }
            else
            {
                _sent = await _store.SendChunkAsync(_session, _sent, (_buffer ?? []).AsMemory(0, _buffered), total, cancellationToken);
                _buffered = 0;
            }

            if (_resumed)
            {
                await _store.DeleteIfExistsAsync(_stateName, cancellationToken);
            }

            if (_openRecord is not null)
            {
                await _store.DeleteIfExistsAsync(_openRecord, cancellationToken);
            }
        }
        finally
        {
            ReleaseBuffer();
        }
    }

    /// <summary>A resumable session is bound to the writer's object name; the move (a server-side rewrite) places it elsewhere.</summary>
    public Task<bool> TryCommitToAsync(string destinationPath, CancellationToken cancellationToken) => Task.FromResult(false);

    public async Task CancelAsync(CancellationToken cancellationToken)
    {
        _done = true;
        ReleaseBuffer();
        if (_session is not null)
        {
            await _store.CancelSessionAsync(_session, cancellationToken);
        }

        if (_openRecord is not null)
        {
            await _store.DeleteIfExistsAsync(_openRecord, cancellationToken);
        }

        await DiscardStateAsync(_store, _stateName, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_done)
        {
            return;
        }

        if (_faulted)
        {
            // What a failed write left is not known to be whole: keep the last closed state.
            _done = true;
            ReleaseBuffer();
            return;
        }

        await CloseAsync(CancellationToken.None);
    }

    private async Task SendAsync(int count, CancellationToken cancellationToken)
    {
        if (_session is null)
        {
            _session = await _store.StartSessionAsync(_path, cancellationToken);
            _openRecord = _stateName + "-" + Guid.NewGuid().ToString("N");
            var record = new GcsObject { Bucket = _store.Bucket, Name = _openRecord, Metadata = GcsWriterState.Of(_session, 0, 0) };
            await _store.Client.UploadObjectAsync(record, Stream.Null, cancellationToken: cancellationToken);
        }

        _sent = await _store.SendChunkAsync(_session, _sent, _buffer.AsMemory(0, count), total: null, cancellationToken);
        _buffer.AsSpan(count, _buffered - count).CopyTo(_buffer);
        _buffered -= count;
    }

    private async Task ResumeAsync(CancellationToken cancellationToken)
    {
        GcsObject state;
        try
        {
            state = await _store.Client.GetObjectAsync(_store.Bucket, _stateName, cancellationToken: cancellationToken);
        }
        catch (GoogleApiException e) when (GcsStore.IsNotFound(e))
        {
            throw new StorageNotFoundException(_path, e);
        }

        _session = GcsWriterState.SessionOf(state);
        _sent = GcsWriterState.Number(state, GcsWriterState.Sent);
        var size = GcsWriterState.Number(state, GcsWriterState.Size);
        if (_session is not null && await _store.QuerySessionAsync(_session, cancellationToken) is var held && held != _sent)
        {
            throw new IOException($"The writer state of {_path} records {_sent} bytes sent, but its GCS upload session holds {held}.");
        }

        _buffer = ArrayPool<byte>.Shared.Rent(_store.ChunkSize);
        using (var tail = new MemoryStream())
        {
            await _store.Client.DownloadObjectAsync(state, tail, cancellationToken: cancellationToken);
            if (tail.Length != size - _sent)
            {
                throw new IOException($"The writer state of {_path} records {size - _sent} unsent bytes but holds {tail.Length}.");
            }

            tail.GetBuffer().AsSpan(0, (int)tail.Length).CopyTo(_buffer);
            _buffered = (int)tail.Length;
        }

        _resumed = true;
    }

    private void ThrowIfFaulted()
    {
        if (_faulted)
        {
            throw new InvalidOperationException("A write failed; open a new writer with append to continue from the last close.");
        }
    }

    private void ReleaseBuffer()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
