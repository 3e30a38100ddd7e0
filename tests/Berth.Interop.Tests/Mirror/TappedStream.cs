namespace Berth.Interop.Tests.Mirror;

/// <summary>A response body that flips its first byte and/or pauses after some bytes until released.</summary>
internal sealed class TappedStream(Stream inner, bool corrupt, long? stallAfter, Task resume) : Stream
{
    private long _written;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _written;
        set => throw new NotSupportedException();
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (corrupt && _written == 0 && buffer.Length > 0)
        {
            var copy = buffer.ToArray();
            copy[0] ^= 0xFF;
            buffer = copy;
        }

        if (stallAfter is { } limit && _written + buffer.Length > limit)
        {
            var before = (int)Math.Max(0, limit - _written);
            await inner.WriteAsync(buffer[..before], cancellationToken);
            await inner.FlushAsync(cancellationToken);
            _written += before;
            await resume.WaitAsync(cancellationToken);
            buffer = buffer[before..];
            stallAfter = null;
        }

        await inner.WriteAsync(buffer, cancellationToken);
        _written += buffer.Length;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
