using System.IO.Pipelines;

namespace Berth.Hosting.RequestLogging;

/// <summary>
/// Passes every call to the response's writer and counts bytes: those a flush handed to the transport, and those
/// advanced since, which the server sends when the response completes unless the client has gone. The flush that
/// first finds the connection gone (Kestrel answers it completed) is counted: it handed its bytes over while the
/// connection was up, and waited on back-pressure while the client read part of them. Later flushes sent nothing.
/// A flush that throws (the request aborted while it waited on back-pressure) is counted the same way, for the same
/// reason. So the count is at most one flush above what the client got, never below it.
/// </summary>
internal sealed class CountingPipeWriter(PipeWriter inner) : PipeWriter
{
    private long _unflushed;

    public long Flushed { get; private set; }

    public long Unflushed => _unflushed;

    /// <summary>True once a flush found the connection gone: what the application wrote after that went nowhere.</summary>
    public bool ConnectionGone { get; private set; }

    public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

    public override long UnflushedBytes => inner.UnflushedBytes;

    public override void Advance(int bytes)
    {
        inner.Advance(bytes);
        _unflushed += bytes;
    }

    public override Memory<byte> GetMemory(int sizeHint = 0) => inner.GetMemory(sizeHint);

    public override Span<byte> GetSpan(int sizeHint = 0) => inner.GetSpan(sizeHint);

    public override void CancelPendingFlush() => inner.CancelPendingFlush();

    public override void Complete(Exception? exception = null) => inner.Complete(exception);

    public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);

    public override async ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        FlushResult result;
        try
        {
            result = await inner.FlushAsync(cancellationToken);
        }
        catch
        {
            Account(0, connectionGone: true);
            throw;
        }

        Account(result, 0);
        return result;
    }

    public override async ValueTask<FlushResult> WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
    {
        FlushResult result;
        try
        {
            result = await inner.WriteAsync(source, cancellationToken);
        }
        catch
        {
            Account(source.Length, connectionGone: true);
            throw;
        }

        Account(result, source.Length);
        return result;
    }

    private void Account(FlushResult result, long written)
    {
        if (result.IsCanceled)
        {
            _unflushed += written;
            return;
        }

        Account(written, result.IsCompleted);
    }

    private void Account(long written, bool connectionGone)
    {
        if (!ConnectionGone)
        {
            Flushed += _unflushed + written;
        }

        ConnectionGone |= connectionGone;
        _unflushed = 0;
    }
}
