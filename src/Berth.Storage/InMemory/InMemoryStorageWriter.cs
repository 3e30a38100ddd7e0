using System.Buffers;

namespace Berth.Storage.InMemory;

internal sealed class InMemoryStorageWriter : IStorageWriter
{
    private readonly InMemoryStorageDriver _driver;
    private readonly string _path;
    private readonly ArrayBufferWriter<byte> _content = new();
    private bool _finished;

    public InMemoryStorageWriter(InMemoryStorageDriver driver, string path, byte[] earlier)
    {
        _driver = driver;
        _path = path;
        _content.Write(earlier);
    }

    public long Size => _content.WrittenCount;

    public ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        _content.Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public Task CloseAsync(CancellationToken cancellationToken)
    {
        if (!_finished)
        {
            _finished = true;
            _driver.KeepForAppend(_path, _content.WrittenSpan.ToArray());
        }

        return Task.CompletedTask;
    }

    public Task CommitAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        _finished = true;
        _driver.Commit(_path, _content.WrittenSpan.ToArray());
        return Task.CompletedTask;
    }

    public Task<bool> TryCommitToAsync(string destinationPath, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        _finished = true;
        _driver.Discard(_path);
        _driver.Commit(destinationPath, _content.WrittenSpan.ToArray());
        return Task.FromResult(true);
    }

    public Task CancelAsync(CancellationToken cancellationToken)
    {
        _finished = true;
        _driver.Discard(_path);
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => new(CloseAsync(CancellationToken.None));
}
