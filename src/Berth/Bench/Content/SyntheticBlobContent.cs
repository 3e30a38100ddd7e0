using System.Net;
using System.Net.Http.Headers;

namespace Berth.Bench.Content;

/// <summary>A range of a <see cref="SyntheticBlob"/> as a request body, reporting bytes as they are sent.</summary>
internal sealed class SyntheticBlobContent : HttpContent
{
    private const int WriteSize = 256 * 1024;
    private readonly SyntheticBlob _blob;
    private readonly long _offset;
    private readonly long _length;
    private readonly Action<int> _sent;

    public SyntheticBlobContent(SyntheticBlob blob, long offset, long length, Action<int> sent)
    {
        _blob = blob;
        _offset = offset;
        _length = length;
        _sent = sent;
        Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        // Written straight from the shared block: the load generator copies nothing it does not have to.
        for (long done = 0; done < _length;)
        {
            var segment = _blob.Segment(_offset + done, (int)Math.Min(WriteSize, _length - done));
            await stream.WriteAsync(segment, cancellationToken);
            _sent(segment.Length);
            done += segment.Length;
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
