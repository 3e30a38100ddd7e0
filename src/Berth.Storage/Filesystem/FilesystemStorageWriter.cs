namespace Berth.Storage.Filesystem;

/// <summary>
/// Writes to a file of its own (a fresh temporary file, or the resumable file it continues); Close moves it to the
/// resumable name, Commit moves it over the target, each rename made durable with its directory.
/// Only Commit fsyncs the content: fsync persists every dirty page of the file, whichever writer wrote it, so the one at
/// commit covers all the chunks that earlier writers closed. A closed chunk may lose its tail in a power cut; the
/// resumable file is then shorter than what was acknowledged (or, on some filesystems, ends in zeros), and the commit's
/// digest check, which re-reads the stored bytes after a restart, refuses it instead of storing a wrong blob.
/// </summary>
internal sealed class FilesystemStorageWriter(FileStream stream, string targetPath, string resumablePath) : IStorageWriter
{
    private bool _finished;

    public long Size { get; private set; } = stream.Position;

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        await stream.WriteAsync(buffer, cancellationToken);
        Size = stream.Position;
    }

    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        if (!_finished)
        {
            _finished = true;
            await stream.DisposeAsync();
            if (stream.Name != resumablePath)
            {
                await Task.Run(() => DirectorySync.Rename(stream.Name, resumablePath), CancellationToken.None);
            }
        }
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        _finished = true;
        try
        {
            await stream.FlushAsync(cancellationToken);
            await Task.Run(() => stream.Flush(flushToDisk: true), cancellationToken);
        }
        finally
        {
            await stream.DisposeAsync();
        }

        await Task.Run(() => DirectorySync.Rename(stream.Name, targetPath), CancellationToken.None);
    }

    public async Task CancelAsync(CancellationToken cancellationToken)
    {
        _finished = true;
        await stream.DisposeAsync();
        File.Delete(stream.Name);
        File.Delete(resumablePath);
    }

    public ValueTask DisposeAsync() => new(CloseAsync(CancellationToken.None));
}
