using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;
using Amazon.S3.Model;

namespace Berth.Storage.S3;

/// <summary>
/// Signs object and part bodies with UNSIGNED-PAYLOAD instead of their SHA-256 when the client is configured so
/// (Storage:S3:PayloadSigning). SigV4 otherwise hashes every byte written to the store, on top of the SHA-256 the
/// registry computes of every blob itself, and the store hashes the body again to check it: on a push that is as much
/// CPU as the registry's own digest, on both sides. The SDK's own switch (DisablePayloadSigning) refuses plain-HTTP
/// endpoints, so the request is signed by a SigV4 signer made not to sign payloads instead of the S3 signer, which
/// signs with SigV4 too (its other paths, SigV2 and multi-region SigV4a, are not used with Berth's settings).
/// </summary>
internal sealed class UnsignedPayloadHandler : PipelineHandler
{
    private static readonly AWS4Signer Unsigned = new(signPayload: false);

    public override void InvokeSync(IExecutionContext executionContext)
    {
        UseUnsignedSigner(executionContext);
        base.InvokeSync(executionContext);
    }

    public override Task<T> InvokeAsync<T>(IExecutionContext executionContext)
    {
        UseUnsignedSigner(executionContext);
        return base.InvokeAsync<T>(executionContext);
    }

    private static void UseUnsignedSigner(IExecutionContext executionContext)
    {
        var context = executionContext.RequestContext;
        if (context.ClientConfig is BerthS3Config { UnsignedPayload: true }
            && context.OriginalRequest is PutObjectRequest or UploadPartRequest
            && context.Signer is Amazon.S3.Internal.S3Signer)
        {
            context.Signer = Unsigned;
        }
    }
}
