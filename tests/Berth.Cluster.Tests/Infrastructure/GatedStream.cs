namespace Berth.Cluster.Tests.Infrastructure;

/// <summary>
/// Passes another stream through but stops after <c>pauseAt</c> bytes until released, so a test can act (kill the
/// node receiving the body) while a request is provably in the middle of its body.
/// </summary>
public sealed class GatedStream(Stream inner, long pauseAt) : Stream
{
    private readonly TaskCompletionSource _paused = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _position;

    /// <summary>Completes once the first <c>pauseAt</c> bytes have been handed out.</summary>
    public Task Paused => _paused.Task;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public void Release() => _released.TrySetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position >= pauseAt)
        {
            _paused.TrySetResult();
            await _released.Task.WaitAsync(cancellationToken);
        }
        else if (_position + buffer.Length > pauseAt)
        {
            buffer = buffer[..(int)(pauseAt - _position)];
        }

        var read = await inner.ReadAsync(buffer, cancellationToken);
        _position += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Read asynchronously.");

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
            _released.TrySetResult();
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
