using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.S3;
using Amazon.S3.Internal;

namespace Berth.Storage.S3;

/// <summary>An S3 client with settings that work on AWS, Ceph RGW, Swift's s3api and MinIO alike.</summary>
internal sealed class BerthS3Client : AmazonS3Client
{
    private BerthS3Client(AWSCredentials credentials, AmazonS3Config config)
        : base(credentials, config)
    {
    }

    private BerthS3Client(AmazonS3Config config)
        : base(config)
    {
    }

    public static BerthS3Client Create(S3StorageOptions options)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            // SDK v4 defaults to checksums (and aws-chunked bodies) that Ceph and Swift reject or store corrupted.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            RetryMode = Enum.Parse<RequestRetryMode>(options.RetryMode, ignoreCase: true),
            MaxErrorRetry = options.MaxRetries,
            Timeout = options.Timeout,
        };
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

    /// <summary>Called from the base constructor, so it may use no instance state.</summary>
    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        base.CustomizeRuntimePipeline(pipeline);
        pipeline.AddHandlerBefore<Signer>(new ContentMd5Handler());
        // Outside the S3 response handler, which wraps GetObject bodies in the MD5 check this handler removes.
        pipeline.AddHandlerBefore<AmazonS3ResponseHandler>(new UncheckedGetObjectHandler());
    }
}
