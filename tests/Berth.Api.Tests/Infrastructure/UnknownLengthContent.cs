using System.Net;

namespace Berth.Api.Tests.Infrastructure;

/// <summary>A body sent with Transfer-Encoding: chunked and no Content-Length, as docker streams a layer.</summary>
public sealed class UnknownLengthContent(byte[] content) : HttpContent
{
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(content).AsTask();

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
