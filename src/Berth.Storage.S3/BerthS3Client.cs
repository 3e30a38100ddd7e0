using System.Net;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.S3;
using Amazon.S3.Internal;

namespace Berth.Storage.S3;

/// <summary>An S3 client with settings that work on AWS, Ceph RGW, Swift's s3api and MinIO alike.</summary>
internal sealed class BerthS3Client : AmazonS3Client
{
    private BerthS3Client(AWSCredentials credentials, BerthS3Config config)
        : base(credentials, config)
    {
    }

    private BerthS3Client(BerthS3Config config)
        : base(config)
    {
    }

    /// <param name="options">The store and the client's settings.</param>
    /// <param name="requestSent">Called with the name of every request before each attempt (the storage meter's request count).</param>
    public static BerthS3Client Create(S3StorageOptions options, Action<string>? requestSent = null)
    {
        var config = new BerthS3Config
        {
            UnsignedPayload = SendsUnsignedPayloads(options),
            RequestSent = requestSent,
            ForcePathStyle = options.ForcePathStyle,
            // SDK v4 defaults to checksums (and aws-chunked bodies) that Ceph and Swift reject or store corrupted.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            RetryMode = Enum.Parse<RequestRetryMode>(options.RetryMode, ignoreCase: true),
            MaxErrorRetry = options.MaxRetries,
            Timeout = options.Timeout,
        };
        config.EndpointProvider = new CachedEndpointProvider(config.EndpointProvider ?? new AmazonS3EndpointProvider());
        if (options.Endpoint is { } endpoint)
        {
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = options.Region;
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.Region);
        }

        return string.IsNullOrEmpty(options.AccessKey)
            ? new BerthS3Client(config)
            : new BerthS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
    }

    /// <summary>Whether object and part bodies go out with UNSIGNED-PAYLOAD (Storage:S3:PayloadSigning).</summary>
    internal static bool SendsUnsignedPayloads(S3StorageOptions options) =>
        Enum.Parse<S3PayloadSigning>(options.PayloadSigning, ignoreCase: true) switch
        {
            S3PayloadSigning.Unsigned => true,
            S3PayloadSigning.Auto => options.Endpoint is not { } endpoint || IsProtectedInTransit(new Uri(endpoint)),
            _ => false,
        };

    /// <summary>TLS checks what it carries, and bytes to a loopback address never leave the machine.</summary>
    private static bool IsProtectedInTransit(Uri endpoint) =>
        endpoint.Scheme == Uri.UriSchemeHttps
        || endpoint.IsLoopback
        || (IPAddress.TryParse(endpoint.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    /// <summary>Called from the base constructor, so it may use no instance state.</summary>
    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        base.CustomizeRuntimePipeline(pipeline);
        pipeline.AddHandlerBefore<Signer>(new ContentMd5Handler());
        pipeline.AddHandlerBefore<Signer>(new UnsignedPayloadHandler());
        pipeline.AddHandlerBefore<Signer>(new RequestCountingHandler());
        // Outside the S3 response handler, which wraps GetObject bodies in the MD5 check this handler removes.
        pipeline.AddHandlerBefore<AmazonS3ResponseHandler>(new UncheckedGetObjectHandler());
    }
}
