using Amazon.S3.Model;
using Berth.Storage.S3;

namespace Berth.Testing;

/// <summary>
/// Server settings that put Berth's storage on the Ceph RGW that scripts/test.sh starts for the run
/// (scripts/test-services/ceph-rgw.sh), in a bucket of its own. The cluster keeps its data in RAM and is
/// thrown away with the run, so buckets are not deleted one by one.
/// </summary>
public static class CephRgwStorage
{
    public static async Task<IReadOnlyDictionary<string, string?>> CreateBucketSettingsAsync()
    {
        var options = new S3StorageOptions
        {
            Bucket = "berth-registry-" + Guid.NewGuid().ToString("N")[..16],
            Endpoint = Require("BERTH_TEST_S3_ENDPOINT"),
            Region = Environment.GetEnvironmentVariable("BERTH_TEST_S3_REGION") ?? "us-east-1",
            ForcePathStyle = true,
            AccessKey = Require("BERTH_TEST_S3_ACCESS_KEY"),
            SecretKey = Require("BERTH_TEST_S3_SECRET_KEY"),
        };
        using (var client = BerthS3Client.Create(options))
        {
            await client.PutBucketAsync(new PutBucketRequest { BucketName = options.Bucket });
        }

        return new Dictionary<string, string?>
        {
            ["Storage:Driver"] = "s3",
            ["Storage:S3:Bucket"] = options.Bucket,
            ["Storage:S3:Endpoint"] = options.Endpoint,
            ["Storage:S3:Region"] = options.Region,
            ["Storage:S3:ForcePathStyle"] = "true",
            ["Storage:S3:AccessKey"] = options.AccessKey,
            ["Storage:S3:SecretKey"] = options.SecretKey,
        };
    }

    private static string Require(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{name} is not set: Ceph RGW is not running. Run the tests with scripts/test.sh, which starts it " +
                "(scripts/test-services/ceph-rgw.sh), or source that script yourself and export its variables.");
}
