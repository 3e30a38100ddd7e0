namespace Berth.Storage.Filesystem;

internal sealed class FilesystemStorageWriter(FileStream stream, string localPath) : IStorageWriter
{
    private bool _closed;

    public long Size => stream.Position;

    public ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        return stream.WriteAsync(buffer, cancellationToken);
    }

    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        if (!_closed)
        {
            _closed = true;
            await stream.DisposeAsync();
        }
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        await stream.FlushAsync(cancellationToken);
        stream.Flush(flushToDisk: true);
        await CloseAsync(cancellationToken);
    }

    public async Task CancelAsync(CancellationToken cancellationToken)
    {
        await CloseAsync(cancellationToken);
        File.Delete(localPath);
    }

    public ValueTask DisposeAsync() => new(CloseAsync(CancellationToken.None));
}
