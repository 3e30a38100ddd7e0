using System.Net;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.CephRgw;

/// <summary>
/// What a blob upload costs a real Ceph RGW, request by request (berth.storage.requests): RGW's CPU is shared with the
/// registry on a small machine, and every request and byte it handles is CPU the push waits for. A blob smaller than a
/// part is verified while it arrives and put once, straight at its blob key: never written to the upload and then
/// copied, nor read back to hash it. A look for a link or a blob's content is one HEAD, also when nothing is there; a
/// chunk continued on the node that took the previous one reads the upload's state without its unsent tail. Each test
/// pushes a blob to its repository first, so that what a node reads once per namespace (its quota) is not counted.
/// </summary>
public sealed class CephRgwPushRequestTests(CephRgwRegistryFixture fixture) : IClassFixture<CephRgwRegistryFixture>
{
    [Fact]
    public async Task MonolithicUpload_PutsTheBlobOnceAtItsKeyWithoutACopy()
    {
        using var client = fixture.CreateClient();
        var content = TestContent.Random(300 * 1024);
        var digest = TestContent.Digest(content, "sha256");
        await client.PushBlobAsync("requests/monolithic", TestContent.Random(1000));
        var session = await client.StartUploadAsync("requests/monolithic");

        using var meter = new ServerMeter(fixture.Server);
        using (var put = await client.SendAsync(HttpMethod.Put, RegistryClient.WithQuery(session.Location, "digest", digest), RegistryClient.Octets(content)))
        {
            await OciAssert.StatusAsync(HttpStatusCode.Created, put);
        }

        Assert.Equal(
            new Dictionary<string, long> { ["GetObjectMetadata"] = 2, ["ListObjectsV2"] = 1, ["PutObject"] = 2, ["DeleteObject"] = 1, ["ListMultipartUploads"] = 1, ["DeleteObjects"] = 1 },
            meter.StoreRequests());
        await AssertReadsBackAsync(client, "requests/monolithic", digest, content);
    }

    [Fact]
    public async Task ChunkedUpload_CommitsWithoutACopyOrAnExistenceCheckOrAReadOfTheTailPerChunk()
    {
        using var client = fixture.CreateClient();
        var content = TestContent.Random(300 * 1024);
        var digest = TestContent.Digest(content, "sha256");
        await client.PushBlobAsync("requests/chunked", TestContent.Random(1000));
        var session = await client.StartUploadAsync("requests/chunked");
        var location = session.Location;

        using var meter = new ServerMeter(fixture.Server);
        for (var start = 0; start < content.Length; start += 100 * 1024)
        {
            using var patch = await client.SendAsync(HttpMethod.Patch, location, RegistryClient.Chunk(content[start..(start + (100 * 1024))], start));
            await OciAssert.StatusAsync(HttpStatusCode.Accepted, patch);
            location = patch.Headers.Location!.OriginalString;
        }

        var chunks = meter.StoreRequests();
        using (var put = await client.SendAsync(HttpMethod.Put, RegistryClient.WithQuery(location, "digest", digest), new ByteArrayContent([])))
        {
            await OciAssert.StatusAsync(HttpStatusCode.Created, put);
        }

        Assert.Equal(new Dictionary<string, long> { ["GetObjectMetadata"] = 3, ["PutObject"] = 3 }, chunks);
        Assert.DoesNotContain("CopyObject", meter.StoreRequests().Keys);
        Assert.DoesNotContain("GetObject", meter.StoreRequests().Keys);
        await AssertReadsBackAsync(client, "requests/chunked", digest, content);
    }

    [Fact]
    public async Task UploadOfABlobAlreadyStored_OnlyLinksIt()
    {
        using var client = fixture.CreateClient();
        var content = TestContent.Random(200 * 1024);
        var digest = await client.PushBlobAsync("requests/first", content);
        var session = await client.StartUploadAsync("requests/again");

        using var meter = new ServerMeter(fixture.Server);
        using (var put = await client.SendAsync(HttpMethod.Put, RegistryClient.WithQuery(session.Location, "digest", digest), RegistryClient.Octets(content)))
        {
            await OciAssert.StatusAsync(HttpStatusCode.Created, put);
        }

        var requests = meter.StoreRequests();
        Assert.Equal(1, requests.GetValueOrDefault("PutObject"));
        Assert.DoesNotContain("CopyObject", requests.Keys);
        await AssertReadsBackAsync(client, "requests/again", digest, content);
    }

    /// <summary>
    /// A client's look for a blob the store does not have (every push starts with one per blob): the layer link and the
    /// content are each one HEAD, with no listing to look for a directory, and the manifest revision link is not looked
    /// for, since no link can make missing content known.
    /// </summary>
    [Fact]
    public async Task HeadOfABlobNotPushedYet_IsOneHeadPerPath()
    {
        using var client = fixture.CreateClient();
        await client.PushBlobAsync("requests/head", TestContent.Random(1000));
        var digest = TestContent.Digest(TestContent.Random(2000), "sha256");

        using var meter = new ServerMeter(fixture.Server);
        using (var head = await client.HeadAsync($"/v2/requests/head/blobs/{digest}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        }

        Assert.Equal(new Dictionary<string, long> { ["GetObjectMetadata"] = 2 }, meter.StoreRequests());
    }

    /// <summary>
    /// A new upload's path is named by a fresh random id, so no earlier writer can have left anything there: the POST
    /// writes the upload's startedat and its empty writer state, and looks for nothing.
    /// </summary>
    [Fact]
    public async Task StartOfAnUpload_PutsStartedAtAndTheWriterStateWithoutALookForAnEarlierWriter()
    {
        using var client = fixture.CreateClient();
        await client.PushBlobAsync("requests/start", TestContent.Random(1000));

        using var meter = new ServerMeter(fixture.Server);
        var session = await client.StartUploadAsync("requests/start");

        Assert.Equal(new Dictionary<string, long> { ["PutObject"] = 2 }, meter.StoreRequests());
        var content = TestContent.Random(2000);
        var digest = TestContent.Digest(content, "sha256");
        using (var put = await client.SendAsync(HttpMethod.Put, RegistryClient.WithQuery(session.Location, "digest", digest), RegistryClient.Octets(content)))
        {
            await OciAssert.StatusAsync(HttpStatusCode.Created, put);
        }

        await AssertReadsBackAsync(client, "requests/start", digest, content);
    }

    internal static async Task AssertReadsBackAsync(RegistryClient client, string repository, string digest, byte[] content)
    {
        using var get = await client.GetAsync($"/v2/{repository}/blobs/{digest}");
        await OciAssert.StatusAsync(HttpStatusCode.OK, get);
        Assert.Equal(content, await get.Content.ReadAsByteArrayAsync());
    }
}
