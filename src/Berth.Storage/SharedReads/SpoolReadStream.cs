namespace Berth.Storage.SharedReads;

/// <summary>
/// One reader's position in a <see cref="Spool"/>, from <paramref name="position"/> on. Disposing it calls
/// <paramref name="release"/> once, so the spool's owner can delete the file when every reader is done.
/// </summary>
public sealed class SpoolReadStream(Spool spool, long position, Action<long> onRead, Action release) : Stream
{
    private long _position = position;
    private int _disposed;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var count = await spool.ReadAsync(_position, buffer, cancellationToken);
        _position += count;
        onRead(count);
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Read the spool asynchronously.");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            release();
        }

        base.Dispose(disposing);
    }
}
