namespace Berth.Storage.Filesystem;

/// <summary>
/// Writes to a file of its own (a fresh temporary file, or the resumable file it continues); Close moves it to the
/// resumable name, Commit moves it over the target.
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
                File.Move(stream.Name, resumablePath, overwrite: true);
            }
        }
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        _finished = true;
        await FlushAndCloseAsync(cancellationToken);
        File.Move(stream.Name, targetPath, overwrite: true);
    }

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
            stream.Flush(flushToDisk: true);
        }
        finally
        {
            await stream.DisposeAsync();
        }
    }
}
