namespace Berth.Storage.S3.Tests;

/// <summary>An S3 endpoint started for the test run by scripts/test-services/*.sh, found through its environment variables.</summary>
public sealed record S3TestServer(string Name, string Endpoint, string Region, string AccessKey, string SecretKey)
{
    public static S3TestServer CephRgw => FromEnvironment("Ceph RGW", "BERTH_TEST_S3", "scripts/test-services/ceph-rgw.sh");

    /// <summary>Swift's s3api answers 404 for a moment while an object is replaced: configured as docs/storage.md says.</summary>
    public static S3TestServer SwiftS3 => FromEnvironment("Swift s3api", "BERTH_TEST_SWIFT_S3", "scripts/test-services/swift.sh") with
    {
        NotFoundRetryDelay = TimeSpan.FromMilliseconds(100),
    };

    public TimeSpan NotFoundRetryDelay { get; init; }

    private static S3TestServer FromEnvironment(string name, string prefix, string script)
    {
        string Require(string suffix) =>
            Environment.GetEnvironmentVariable($"{prefix}_{suffix}") is { Length: > 0 } value
                ? value
                : throw new InvalidOperationException(
                    $"{prefix}_{suffix} is not set: {name} is not running. Run the tests with scripts/test.sh, which starts it ({script}), " +
                    $"or source {script} yourself (with BERTH_TEST_RUN_DIR, repo and a cleanups array set) and export its variables.");

        return new S3TestServer(name, Require("ENDPOINT"), Environment.GetEnvironmentVariable($"{prefix}_REGION") ?? "us-east-1", Require("ACCESS_KEY"), Require("SECRET_KEY"));
    }

    public S3StorageOptions Options(string bucket, string rootDirectory = "") => new()
    {
        Bucket = bucket,
        RootDirectory = rootDirectory,
        Endpoint = Endpoint,
        Region = Region,
        ForcePathStyle = true,
        AccessKey = AccessKey,
        SecretKey = SecretKey,
        PartSize = S3StorageOptions.MinimumPartSize,
        RedirectGets = true,
        MaxRetries = 3,
        NotFoundRetryDelay = NotFoundRetryDelay,
    };
}
