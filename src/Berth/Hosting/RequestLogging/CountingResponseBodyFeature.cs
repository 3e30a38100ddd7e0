using System.Diagnostics.CodeAnalysis;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace Berth.Hosting.RequestLogging;

/// <summary>
/// The response body as the application sees it, counting what it writes through the stream, the writer or a file,
/// so the request log can tell what a client that went away mid-body actually got.
/// </summary>
[SuppressMessage("Reliability", "CA1001", Justification = "The counting stream only wraps Kestrel's response stream, which Kestrel owns and disposes.")]
internal sealed class CountingResponseBodyFeature : IHttpResponseBodyFeature
{
    private readonly IHttpResponseBodyFeature _inner;
    private readonly CountingPipeWriter _writer;
    private readonly CountingStream _stream;

    public CountingResponseBodyFeature(IHttpResponseBodyFeature inner)
    {
        _inner = inner;
        _writer = new CountingPipeWriter(inner.Writer);
        _stream = new CountingStream(inner.Stream);
    }

    /// <summary>Bytes handed to the transport so far.</summary>
    public long Sent => _writer.Flushed + _stream.Written;

    /// <summary>Bytes written but not yet flushed; they reach the client only if the response completes.</summary>
    public long Pending => _writer.Unflushed;

    /// <summary>True once a write found the connection gone, which Kestrel reports before it flags the request aborted.</summary>
    public bool ConnectionGone => _writer.ConnectionGone;

    public Stream Stream => _stream;

    public PipeWriter Writer => _writer;

    public void DisableBuffering() => _inner.DisableBuffering();

    public Task StartAsync(CancellationToken cancellationToken = default) => _inner.StartAsync(cancellationToken);

    public Task CompleteAsync() => _inner.CompleteAsync();

    // Kestrel sends files by copying them into the response stream too, so this costs no zero-copy path.
    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
        SendFileFallback.SendFileAsync(_stream, path, offset, count, cancellationToken);

    private sealed class CountingStream(Stream inner) : Stream
    {
        public long Written { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => inner.CanWrite;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        // A write that throws (the client went away while it waited on back-pressure) is counted: it handed its
        // bytes to the transport, and the client may have read part of them.
        public override void Write(byte[] buffer, int offset, int count)
        {
            try
            {
                inner.Write(buffer, offset, count);
            }
            finally
            {
                Written += count;
            }
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            try
            {
                await inner.WriteAsync(buffer, cancellationToken);
            }
            finally
            {
                Written += buffer.Length;
            }
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
