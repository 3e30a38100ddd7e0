using Amazon.S3;

namespace Berth.Storage.S3;

/// <summary>The SDK's configuration plus what Berth's pipeline handlers read per request (they are built before the client).</summary>
internal sealed class BerthS3Config : AmazonS3Config
{
    /// <summary>Object and part bodies go out with UNSIGNED-PAYLOAD (<see cref="UnsignedPayloadHandler"/>).</summary>
    public bool UnsignedPayload { get; init; }

    /// <summary>Called with the request's name before each attempt is sent (<see cref="RequestCountingHandler"/>).</summary>
    public Action<string>? RequestSent { get; init; }
}
