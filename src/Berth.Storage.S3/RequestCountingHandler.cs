using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace Berth.Storage.S3;

/// <summary>
/// Reports every request sent to the store, retries included, by its S3 name (PutObject, CopyObject...): what a
/// registry operation costs the store, which the driver-level operations of the storage meter do not show.
/// </summary>
internal sealed class RequestCountingHandler : PipelineHandler
{
    public override void InvokeSync(IExecutionContext executionContext)
    {
        Count(executionContext);
        base.InvokeSync(executionContext);
    }

    public override Task<T> InvokeAsync<T>(IExecutionContext executionContext)
    {
        Count(executionContext);
        return base.InvokeAsync<T>(executionContext);
    }

    private static void Count(IExecutionContext executionContext)
    {
        if (executionContext.RequestContext.ClientConfig is BerthS3Config { RequestSent: { } sent })
        {
            var name = executionContext.RequestContext.RequestName;
            sent(name.EndsWith("Request", StringComparison.Ordinal) ? name[..^"Request".Length] : name);
        }
    }
}
