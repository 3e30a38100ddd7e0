using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Util;
using Amazon.S3.Model;

namespace Berth.Storage.S3;

/// <summary>
/// Takes the SDK's MD5 check off GetObject responses. For a whole-object GET of a single-part object (every blob
/// smaller than Storage:S3:PartSize) the SDK wraps the body in an MD5Stream that hashes every byte with its own managed
/// MD5 (ThirdParty.MD5): 3.3 CPU-s/GB on the bench machine, four times what the rest of a blob pull costs. It was the
/// largest item in a profile of cold pulls on Ceph RGW, and on two busy cores it held a node to a fraction of the
/// store's throughput (docs/performance.md, "Object storage: the cause"). Registry content is addressed by its SHA-256
/// digest, which clients check on every blob, and the SDK's check never covered multipart objects or range reads.
/// </summary>
internal sealed class UncheckedGetObjectHandler : PipelineHandler
{
    public override void InvokeSync(IExecutionContext executionContext)
    {
        base.InvokeSync(executionContext);
        Unwrap(executionContext);
    }

    public override async Task<T> InvokeAsync<T>(IExecutionContext executionContext)
    {
        var response = await base.InvokeAsync<T>(executionContext);
        Unwrap(executionContext);
        return response;
    }

    private static void Unwrap(IExecutionContext executionContext)
    {
        if (executionContext.ResponseContext.Response is GetObjectResponse { ResponseStream: MD5Stream checking } response)
        {
            response.ResponseStream = checking.GetNonWrapperBaseStream();
        }
    }
}
