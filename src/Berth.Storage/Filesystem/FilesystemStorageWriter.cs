namespace Berth.Storage.Filesystem;

/// <summary>
/// Writes to a file of its own (a fresh temporary file, or the resumable file it continues); Close moves it to the
/// resumable name, Commit moves it over the target, each rename made durable with its directory.
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
            await FlushAndCloseAsync(cancellationToken);
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
        await FlushAndCloseAsync(cancellationToken);
        await Task.Run(() => DirectorySync.Rename(stream.Name, targetPath), CancellationToken.None);
    }

    /// <summary>Commit and move are each one rename of the same file; ChunkedUploadFsyncTests pins the commit's order (fsync, then rename).</summary>
    public Task<bool> TryCommitToAsync(string destinationPath, CancellationToken cancellationToken) => Task.FromResult(false);

    public async Task CancelAsync(CancellationToken cancellationToken)
    {
        _finished = true;
        await stream.DisposeAsync();
        File.Delete(stream.Name);
        File.Delete(resumablePath);
    }

    public ValueTask DisposeAsync() => new(CloseAsync(CancellationToken.None));

    private async Task FlushAndCloseAsync(CancellationToken cancellationToken)
    {
        try
        {
            await stream.FlushAsync(cancellationToken);
            await Task.Run(() => stream.Flush(flushToDisk: true), cancellationToken);
        }
        finally
        {
            await stream.DisposeAsync();
        }
    }
}
