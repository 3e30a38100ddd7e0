namespace Berth.Storage.Tests.SharedReads;

/// <summary>A store stream that goes only as far as its <see cref="Tap"/> allows.</summary>
internal sealed class TapStream(Stream inner, Tap tap, long position) : Stream
{
    private long _position = position;

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
        while (true)
        {
            var (allowed, failure, ended, changed) = tap.State();
            if (_position < allowed)
            {
                var count = await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, allowed - _position)], cancellationToken);
                _position += count;
                return count;
            }

            if (failure is not null)
            {
                throw failure;
            }

            if (ended)
            {
                return 0;
            }

            await changed.WaitAsync(cancellationToken);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
