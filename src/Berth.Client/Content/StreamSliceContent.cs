using System.Net;

namespace Berth.Client.Content;

/// <summary>The next <c>length</c> bytes of a stream as a request body, copied through without buffering the slice.</summary>
internal sealed class StreamSliceContent : HttpContent
{
    private const int CopyBufferSize = 81920;
    private readonly Stream _source;
    private readonly long _length;

    public StreamSliceContent(Stream source, long length)
    {
        _source = source;
        _length = length;
        Headers.ContentType = new("application/octet-stream");
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            var remaining = _length;
            while (remaining > 0)
            {
                var read = await _source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), cancellationToken);
                if (read == 0)
                {
                    throw new EndOfStreamException($"The source ended {remaining} bytes before the chunk did.");
                }

                await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                remaining -= read;
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = _length;
        return true;
    }
}
