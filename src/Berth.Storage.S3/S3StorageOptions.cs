namespace Berth.Storage.S3;

/// <summary>
/// Section "Storage:S3", used when Storage:Driver is "s3": an S3 bucket on AWS or any S3-compatible store
/// (Ceph RGW, Swift's s3api, MinIO). Checked at start by <see cref="S3StorageOptionsValidator"/>.
/// </summary>
public sealed class S3StorageOptions
{
    public const string SectionName = "Storage:S3";

    public const int MinimumPartSize = 5 * 1024 * 1024;

    /// <summary>The bucket; it must exist.</summary>
    public string? Bucket { get; set; }

    /// <summary>Key prefix under which the registry keeps everything ("" = the bucket's root).</summary>
    public string RootDirectory { get; set; } = string.Empty;

    public string Region { get; set; } = "us-east-1";

    /// <summary>Service URL of an S3-compatible store (http://127.0.0.1:7480); unset for AWS.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Address buckets as http://host/bucket rather than http://bucket.host; most S3-compatible stores want it.</summary>
    public bool ForcePathStyle { get; set; }

    /// <summary>With <see cref="SecretKey"/>; when both are unset the SDK's default chain (environment, profile, instance role) applies.</summary>
    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    /// <summary>
    /// Bytes buffered per multipart part (at least 5 MiB). Parts grow past 1000, 2000... parts so 10,000 parts
    /// cover more than 50 GB; each open writer holds one part's buffer.
    /// </summary>
    public int PartSize { get; set; } = 16 * 1024 * 1024;

    /// <summary>Send blob GETs to presigned URLs on the store instead of streaming them through the registry.</summary>
    public bool RedirectGets { get; set; }

    public TimeSpan PresignExpiry { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>Retries on throttling, 5xx and network errors, with the SDK's exponential backoff.</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>"Standard" or "Adaptive" (also rate-limits the client when the store throttles).</summary>
    public string RetryMode { get; set; } = "Standard";

    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How object bodies are signed. "Auto": with UNSIGNED-PAYLOAD over https (TLS already checks them) and to a
    /// loopback endpoint (they never leave the machine), with their SHA-256 over plain http to another host (which the
    /// store checks); "Unsigned": never hashed for signing — for a store on a trusted network, saving a SHA-256 of every
    /// byte written in the registry and another in the store; "Signed": always hashed.
    /// </summary>
    public string PayloadSigning { get; set; } = "Auto";

    /// <summary>
    /// When above zero, a read that finds no object looks again (3 times, this far apart) before reporting it missing.
    /// Needed on OpenStack Swift, whose s3api briefly answers 404 for an object being overwritten; AWS and Ceph RGW
    /// replace objects atomically and need no delay.
    /// </summary>
    public TimeSpan NotFoundRetryDelay { get; set; } = TimeSpan.Zero;
}
