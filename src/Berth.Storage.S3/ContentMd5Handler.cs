using System.Security.Cryptography;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.S3.Model;

namespace Berth.Storage.S3;

/// <summary>
/// Adds Content-MD5 to DeleteObjects requests: SDK v4 sends only a CRC32 checksum there, and Swift's s3api
/// (2.30) refuses a multi-object delete without Content-MD5. AWS accepts it too.
/// </summary>
internal sealed class ContentMd5Handler : PipelineHandler
{
    public override void InvokeSync(IExecutionContext executionContext)
    {
        AddContentMd5(executionContext);
        base.InvokeSync(executionContext);
    }

    public override Task<T> InvokeAsync<T>(IExecutionContext executionContext)
    {
        AddContentMd5(executionContext);
        return base.InvokeAsync<T>(executionContext);
    }

    // MD5 here is the integrity header the S3 protocol defines, not a security measure.
#pragma warning disable CA5351
    private static void AddContentMd5(IExecutionContext executionContext)
    {
        var request = executionContext.RequestContext.Request;
        if (executionContext.RequestContext.OriginalRequest is not DeleteObjectsRequest || request.Headers.ContainsKey("Content-MD5"))
        {
            return;
        }

        if (request.Content is { } content)
        {
            request.Headers["Content-MD5"] = Convert.ToBase64String(MD5.HashData(content));
        }
        else if (request.ContentStream is { CanSeek: true } stream)
        {
            var position = stream.Position;
            request.Headers["Content-MD5"] = Convert.ToBase64String(MD5.HashData(stream));
            stream.Position = position;
        }
    }
#pragma warning restore CA5351
}
