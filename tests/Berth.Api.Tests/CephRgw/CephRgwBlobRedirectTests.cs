using System.Globalization;
using System.Net;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.CephRgw;

/// <summary>
/// The redirect mode on a real Ceph RGW (docs/storage.md, "Redirecting blob reads"): a blob GET answers 307 with a
/// presigned URL on the store, which serves the blob's exact bytes (and ranges) to a client holding no registry
/// credentials; HEAD and every refusal are answered by the registry itself, and the registry never reads the content.
/// </summary>
public sealed class CephRgwBlobRedirectTests(CephRgwRedirectRegistryFixture fixture) : IClassFixture<CephRgwRedirectRegistryFixture>
{
    private static readonly Uri Store = new(Environment.GetEnvironmentVariable("BERTH_TEST_S3_ENDPOINT") ?? "http://unset");

    [Fact]
    public async Task Get_AnswersATemporaryRedirectToTheStore_WhoseBytesHaveTheBlobsDigest()
    {
        using var client = fixture.CreateClient();
        var content = TestContent.Random(300 * 1024);
        var digest = await client.PushBlobAsync("redirect/get", content);
        using var registry = new RegistryClient(fixture.CreateNonFollowingClient());

        using var meter = new ServerMeter(fixture.Server);
        using var get = await registry.GetAsync($"/v2/redirect/get/blobs/{digest}");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, get.StatusCode);
        Assert.Equal(digest, OciAssert.Header(get, "Docker-Content-Digest"));
        var location = get.Headers.Location;
        Assert.NotNull(location);
        Assert.True(location.IsAbsoluteUri, $"Location {location} is not absolute");
        Assert.Equal(Store.Authority, location.Authority);
        Assert.DoesNotContain("GetObject", meter.StoreRequests().Keys);

        using var store = new HttpClient();
        using var fetched = await store.GetAsync(location);
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        var bytes = await fetched.Content.ReadAsByteArrayAsync();
        Assert.Equal(content.Length, bytes.Length);
        Assert.Equal(digest, TestContent.Sha256(bytes));
    }

    [Fact]
    public async Task Get_FollowedByAClient_ServesTheWholeBlob()
    {
        using var client = fixture.CreateClient();
        var content = TestContent.Random(64 * 1024 + 17);
        var digest = await client.PushBlobAsync("redirect/followed", content);

        using var get = await client.GetAsync($"/v2/redirect/followed/blobs/{digest}");

        // The store's answer: it carries none of the registry's headers.
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(Store.Authority, get.RequestMessage?.RequestUri?.Authority);
        Assert.Equal(content, await get.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task GetWithRange_IsRedirected_AndTheStoreAnswersThePart()
    {
        using var client = fixture.CreateClient();
        var content = TestContent.Random(100 * 1024);
        var digest = await client.PushBlobAsync("redirect/ranged", content);
        using var registry = new RegistryClient(fixture.CreateNonFollowingClient());

        using var redirected = await registry.GetAsync($"/v2/redirect/ranged/blobs/{digest}", ("Range", "bytes=1000-1999"));
        Assert.Equal(HttpStatusCode.TemporaryRedirect, redirected.StatusCode);

        // A client repeats its Range header on the redirected request, as HttpClient does when it follows.
        using var part = await client.GetAsync($"/v2/redirect/ranged/blobs/{digest}", ("Range", "bytes=1000-1999"));
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal($"bytes 1000-1999/{content.Length}", part.Content.Headers.ContentRange?.ToString());
        Assert.Equal(content.AsSpan(1000, 1000).ToArray(), await part.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Head_IsAnsweredByTheRegistry_NotRedirected()
    {
        using var client = fixture.CreateClient();
        var content = TestContent.Random(4096);
        var digest = await client.PushBlobAsync("redirect/head", content);
        using var registry = new RegistryClient(fixture.CreateNonFollowingClient());

        using var head = await registry.HeadAsync($"/v2/redirect/head/blobs/{digest}");

        await OciAssert.StatusAsync(HttpStatusCode.OK, head);
        Assert.Null(head.Headers.Location);
        Assert.Equal(content.Length, head.Content.Headers.ContentLength);
        Assert.Equal(digest, OciAssert.Header(head, "Docker-Content-Digest"));
    }

    [Fact]
    public async Task Get_OfABlobTheRepositoryDoesNotHold_IsBlobUnknown_NotARedirect()
    {
        using var client = fixture.CreateClient();
        var digest = await client.PushBlobAsync("redirect/owner", TestContent.Random(4096));
        using var registry = new RegistryClient(fixture.CreateNonFollowingClient());

        using var elsewhere = await registry.GetAsync($"/v2/redirect/other/blobs/{digest}");
        await OciAssert.ErrorAsync(elsewhere, HttpStatusCode.NotFound, "BLOB_UNKNOWN");
        Assert.Null(elsewhere.Headers.Location);

        using var unknown = await registry.GetAsync($"/v2/redirect/owner/blobs/{TestContent.UnknownDigest()}");
        await OciAssert.ErrorAsync(unknown, HttpStatusCode.NotFound, "BLOB_UNKNOWN");
        Assert.Null(unknown.Headers.Location);
    }

    [Fact]
    public async Task Get_RedirectsToAUrlThatExpiresAfterThePresignExpiry()
    {
        using var client = fixture.CreateClient();
        var digest = await client.PushBlobAsync("redirect/expiry", TestContent.Random(1024));
        using var registry = new RegistryClient(fixture.CreateNonFollowingClient());

        using var get = await registry.GetAsync($"/v2/redirect/expiry/blobs/{digest}");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, get.StatusCode);
        var query = System.Web.HttpUtility.ParseQueryString(get.Headers.Location!.Query);
        var expires = TimeSpan.FromSeconds(long.Parse(query["X-Amz-Expires"] ?? "0", CultureInfo.InvariantCulture));
        // The SDK counts from its own signing time: a moment after the registry's clock was read, and corrected by the
        // clock skew it measured against the store's Date headers (whole seconds), so it can land a second either side.
        Assert.InRange(expires, CephRgwRedirectRegistryFixture.PresignExpiry - TimeSpan.FromSeconds(5), CephRgwRedirectRegistryFixture.PresignExpiry + TimeSpan.FromSeconds(5));
    }
}
