using Amazon.S3.Model;
using Berth.Storage.Conformance;
using Microsoft.Extensions.Logging.Abstractions;

namespace Berth.Storage.S3.Tests;

/// <summary>The driver suite on one S3 server; parts are the 5 MiB minimum so multipart paths run on small objects.</summary>
public abstract class S3ConformanceTests(S3Bucket bucket) : StorageDriverConformanceTests
{
    protected S3Bucket Bucket => bucket;

    protected override IStorageDriver CreateDriver() =>
        new S3StorageDriver(bucket.Server.Options(bucket.Name, "conformance"), TimeProvider.System, NullLogger<S3StorageDriver>.Instance);

    protected override async Task AssertNothingLeftUnderAsync(string root)
    {
        using var client = bucket.CreateClient();
        var prefix = "conformance" + root;
        var objects = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket.Name, Prefix = prefix });
        Assert.Empty((objects.S3Objects ?? []).Select(o => o.Key));
        var uploads = await client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = bucket.Name, Prefix = prefix });
        Assert.Empty((uploads.MultipartUploads ?? []).Select(u => u.Key));
    }
}

public sealed class CephRgwConformanceTests(CephRgwBucket bucket) : S3ConformanceTests(bucket), IClassFixture<CephRgwBucket>
{
    /// <summary>One streaming test of a size a small-memory registry could not buffer, on the store with the fastest writes.</summary>
    [Fact]
    public Task Writer_StreamingOneGibibyteInChunksAcrossWriters_KeepsMemoryFlat() =>
        AssertStreamsWithFlatMemoryAsync(1024L * 1024 * 1024, maxGrowthBytes: 200L * 1024 * 1024);
}

public sealed class SwiftS3ConformanceTests(SwiftS3Bucket bucket) : S3ConformanceTests(bucket), IClassFixture<SwiftS3Bucket>;
