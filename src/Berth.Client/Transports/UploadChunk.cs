using System.Net;
using System.Security.Cryptography;

namespace Berth.Client.Transports;

/// <summary>
/// One chunk of an upload, read from the source while it is sent: each read goes into the chunk's buffer and out to
/// the request at once, so the registry receives bytes as the source (a download, a compressor) yields them, and the
/// buffer keeps the chunk for resending its tail after a dropped connection. New bytes are hashed once, as they are read.
/// </summary>
internal sealed class UploadChunk
{
    private readonly Stream _source;
    private readonly byte[] _buffer;
    private readonly int _limit;
    private readonly bool _exact;
    private readonly IncrementalHash? _hash;

    /// <param name="limit">The chunk's length at most: the rest of the blob when its size is known, else the chunk size.</param>
    /// <param name="exact">True when the blob's size is known, so the chunk is exactly <paramref name="limit"/> bytes long.</param>
    public UploadChunk(Stream source, byte[] buffer, int limit, bool exact, IncrementalHash? hash)
    {
        _source = source;
        _buffer = buffer;
        _limit = limit;
        _exact = exact;
        _hash = hash;
    }

    /// <summary>Bytes of the chunk read so far (all in the buffer).</summary>
    public int Filled { get; private set; }

    /// <summary>True once the source has ended: this is the blob's last chunk.</summary>
    public bool SourceEnded { get; private set; }

    /// <summary>True when the chunk holds all it will: the source ended or the limit is reached.</summary>
    public bool Complete => SourceEnded || Filled == _limit;

    /// <summary>A failure of the source itself (a digest mismatch, a dropped download), which resending cannot cure.</summary>
    public Exception? SourceError { get; private set; }

    public ReadOnlyMemory<byte> Bytes => _buffer.AsMemory(0, Filled);

    /// <summary>Reads until the buffer holds <paramref name="count"/> bytes (at most the limit) or the source ends.</summary>
    public async Task FillAsync(int count, CancellationToken cancellationToken)
    {
        var target = Math.Min(count, _limit);
        while (Filled < target && !SourceEnded)
        {
            await ReadAsync(target, cancellationToken);
        }
    }

    /// <summary>
    /// The request body from <paramref name="sendFrom"/> on: what is already buffered, then fresh reads up to the limit.
    /// An exact chunk has a Content-Length (and so gets a Content-Range); otherwise the body is streamed.
    /// </summary>
    public HttpContent Content(int sendFrom) => new Body(this, sendFrom);

    private async Task<int> ReadAsync(int upTo, CancellationToken cancellationToken)
    {
        int read;
        try
        {
            read = await _source.ReadAsync(_buffer.AsMemory(Filled, upTo - Filled), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            SourceError = e;
            throw;
        }

        if (read == 0)
        {
            SourceEnded = true;
            if (_exact && Filled < _limit)
            {
                SourceError = new EndOfStreamException($"The source ended {_limit - Filled} bytes before its stated size.");
                throw SourceError;
            }
        }
        else
        {
            _hash?.AppendData(_buffer, Filled, read);
            Filled += read;
        }

        return read;
    }

    private sealed class Body : HttpContent
    {
        private readonly UploadChunk _chunk;
        private readonly int _sendFrom;

        public Body(UploadChunk chunk, int sendFrom)
        {
            _chunk = chunk;
            _sendFrom = sendFrom;
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            var chunk = _chunk;
            if (chunk.Filled > _sendFrom)
            {
                await stream.WriteAsync(chunk._buffer.AsMemory(_sendFrom, chunk.Filled - _sendFrom), cancellationToken);
            }

            while (!chunk.Complete)
            {
                var start = chunk.Filled;
                var read = await chunk.ReadAsync(chunk._limit, cancellationToken);
                await stream.WriteAsync(chunk._buffer.AsMemory(start, read), cancellationToken);
            }
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override bool TryComputeLength(out long length)
        {
            length = _chunk._limit - _sendFrom;
            return _chunk._exact;
        }
    }
}
