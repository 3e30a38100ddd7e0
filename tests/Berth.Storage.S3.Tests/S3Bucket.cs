using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace Berth.Storage.S3.Tests;

/// <summary>A bucket of its own for one test class on one server; deleted, with anything left in it, afterwards.</summary>
public abstract class S3Bucket(S3TestServer server) : IAsyncLifetime
{
    public S3TestServer Server { get; } = server;

    public string Name { get; } = "berth-test-" + Guid.NewGuid().ToString("N")[..20];

    public AmazonS3Client CreateClient() => BerthS3Client.Create(Server.Options(Name));

    public async Task InitializeAsync()
    {
        using var client = CreateClient();
        await client.PutBucketAsync(new PutBucketRequest { BucketName = Name });
    }

    public async Task DisposeAsync()
    {
        using var client = CreateClient();
        var uploads = await client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = Name });
        foreach (var upload in uploads.MultipartUploads ?? [])
        {
            await client.AbortMultipartUploadAsync(Name, upload.Key, upload.UploadId);
        }

        var request = new ListObjectsV2Request { BucketName = Name };
        do
        {
            var page = await client.ListObjectsV2Async(request);
            foreach (var item in page.S3Objects ?? [])
            {
                await client.DeleteObjectAsync(Name, item.Key);
            }

            request.ContinuationToken = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (request.ContinuationToken is not null);

        try
        {
            await client.DeleteBucketAsync(Name);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.Conflict)
        {
            // Swift lists a deleted object for a moment after the delete; the server goes away with the run anyway.
        }
    }
}

public sealed class CephRgwBucket() : S3Bucket(S3TestServer.CephRgw);

public sealed class SwiftS3Bucket() : S3Bucket(S3TestServer.SwiftS3);
