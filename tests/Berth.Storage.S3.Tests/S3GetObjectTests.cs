using Amazon.Runtime.Internal.Util;
using Amazon.S3.Model;

namespace Berth.Storage.S3.Tests;

/// <summary>How the driver's S3 client reads objects back.</summary>
public abstract class S3GetObjectTests(S3Bucket bucket)
{
    /// <summary>
    /// The SDK would hash a whole single-part object with its managed MD5 as it is read, which made the registry's
    /// blob reads CPU-bound (UncheckedGetObjectHandler); the body must come back as the plain HTTP stream.
    /// </summary>
    [Fact]
    public async Task GetObject_OfAWholeSinglePartObject_IsReadWithoutTheSdksMd5Check()
    {
        using var client = bucket.CreateClient();
        var content = new byte[256 * 1024];
        new Random(16).NextBytes(content);
        var key = "get-object/" + Guid.NewGuid().ToString("N");
        await client.PutObjectAsync(new PutObjectRequest { BucketName = bucket.Name, Key = key, InputStream = new MemoryStream(content), UseChunkEncoding = false });

        using var response = await client.GetObjectAsync(bucket.Name, key);
        Assert.DoesNotContain("-", response.ETag, StringComparison.Ordinal);
        Assert.IsNotAssignableFrom<HashStream>(response.ResponseStream);
        var read = new byte[content.Length];
        await response.ResponseStream.ReadExactlyAsync(read);
        Assert.Equal(content, read);
        Assert.Equal(0, await response.ResponseStream.ReadAsync(new byte[1]));
    }
}

public sealed class CephRgwGetObjectTests(CephRgwBucket bucket) : S3GetObjectTests(bucket), IClassFixture<CephRgwBucket>;

public sealed class SwiftS3GetObjectTests(SwiftS3Bucket bucket) : S3GetObjectTests(bucket), IClassFixture<SwiftS3Bucket>;
