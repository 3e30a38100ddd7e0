using System.Net;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Blobs;

/// <summary>GET, HEAD and DELETE of /v2/&lt;name&gt;/blobs/&lt;digest&gt; (end-2, end-10).</summary>
public abstract class BlobTests(RegistryFixture fixture) : RegistryTestBase(fixture)
{
    [Theory]
    [InlineData("sha256")]
    [InlineData("sha512")]
    public async Task Get_ExistingBlob_ReturnsExactBytesWithDigestLengthETagAndContentType(string algorithm)
    {
        var repository = NewRepository("blobs");
        var content = TestContent.Random(1234);
        var digest = await Registry.PushBlobAsync(repository, content, algorithm);

        var response = await Registry.GetAsync($"/v2/{repository}/blobs/{digest}");

        await OciAssert.StatusAsync(HttpStatusCode.OK, response);
        Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(content.Length, response.Content.Headers.ContentLength);
        Assert.Equal(digest, OciAssert.Header(response, "Docker-Content-Digest"));
        Assert.Equal($"\"{digest}\"", response.Headers.ETag?.ToString());
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("bytes", OciAssert.Header(response, "Accept-Ranges"));
    }

    [Fact]
    public async Task Head_ExistingBlob_ReturnsHeadersWithoutBody()
    {
        var repository = NewRepository("blobs");
        var content = TestContent.Random(777);
        var digest = await Registry.PushBlobAsync(repository, content);

        var response = await Registry.HeadAsync($"/v2/{repository}/blobs/{digest}");

        await OciAssert.StatusAsync(HttpStatusCode.OK, response);
        Assert.Equal(777, response.Content.Headers.ContentLength);
        Assert.Equal(digest, OciAssert.Header(response, "Docker-Content-Digest"));
        Assert.Equal($"\"{digest}\"", response.Headers.ETag?.ToString());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Get_EmptyBlob_ReturnsZeroLengthBody()
    {
        var repository = NewRepository("blobs");
        var digest = await Registry.PushBlobAsync(repository, []);

        var response = await Registry.GetAsync($"/v2/{repository}/blobs/{digest}");

        await OciAssert.StatusAsync(HttpStatusCode.OK, response);
        Assert.Equal(0, response.Content.Headers.ContentLength);
        Assert.Equal("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", digest);
    }

    [Fact]
    public async Task Get_UnknownBlob_ReturnsBlobUnknown()
    {
        var repository = NewRepository("blobs");
        await Registry.PushBlobAsync(repository, TestContent.Random(10));

        var get = await Registry.GetAsync($"/v2/{repository}/blobs/{TestContent.UnknownDigest()}");
        var head = await Registry.HeadAsync($"/v2/{repository}/blobs/{TestContent.UnknownDigest("sha512")}");

        await OciAssert.ErrorAsync(get, HttpStatusCode.NotFound, "BLOB_UNKNOWN");
        await OciAssert.StatusAsync(HttpStatusCode.NotFound, head);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Get_BlobInUnknownRepository_Returns404()
    {
        var response = await Registry.GetAsync($"/v2/{NewRepository("nowhere")}/blobs/{TestContent.UnknownDigest()}");

        await OciAssert.ErrorAsync(response, HttpStatusCode.NotFound, "BLOB_UNKNOWN", "NAME_UNKNOWN");
    }

    [Fact]
    public async Task Get_BlobPushedToAnotherRepository_IsNotReadableWithoutLink()
    {
        var owner = NewRepository("blobs");
        var other = NewRepository("blobs");
        var content = TestContent.Random(64);
        var digest = await Registry.PushBlobAsync(owner, content);
        await Registry.PushBlobAsync(other, TestContent.Random(8));

        var get = await Registry.GetAsync($"/v2/{other}/blobs/{digest}");
        var head = await Registry.HeadAsync($"/v2/{other}/blobs/{digest}");

        await OciAssert.ErrorAsync(get, HttpStatusCode.NotFound, "BLOB_UNKNOWN");
        await OciAssert.StatusAsync(HttpStatusCode.NotFound, head);
    }

    [Theory]
    [InlineData("sha256:xyz")]
    [InlineData("foo")]
    [InlineData("sha256:abc")]
    [InlineData("sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B85")]
    [InlineData("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855aa")]
    [InlineData("md5:d41d8cd98f00b204e9800998ecf8427e")]
    [InlineData("sha256:")]
    [InlineData(":e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    public async Task Get_MalformedDigest_ReturnsDigestInvalidNot500(string digest)
    {
        var repository = NewRepository("blobs");
        await Registry.PushBlobAsync(repository, TestContent.Random(10));

        var get = await Registry.GetAsync($"/v2/{repository}/blobs/{digest}");
        var delete = await Registry.DeleteAsync($"/v2/{repository}/blobs/{digest}");

        await OciAssert.ErrorAsync(get, HttpStatusCode.BadRequest, "DIGEST_INVALID");
        await OciAssert.ErrorAsync(delete, HttpStatusCode.BadRequest, "DIGEST_INVALID");
    }

    [Fact]
    public async Task Delete_Blob_Returns202AndThenBlobUnknown()
    {
        var repository = NewRepository("blobs");
        var digest = await Registry.PushBlobAsync(repository, TestContent.Random(50));

        var delete = await Registry.DeleteAsync($"/v2/{repository}/blobs/{digest}");
        var head = await Registry.HeadAsync($"/v2/{repository}/blobs/{digest}");
        var get = await Registry.GetAsync($"/v2/{repository}/blobs/{digest}");
        var again = await Registry.DeleteAsync($"/v2/{repository}/blobs/{digest}");

        await OciAssert.StatusAsync(HttpStatusCode.Accepted, delete);
        await OciAssert.StatusAsync(HttpStatusCode.NotFound, head);
        await OciAssert.ErrorAsync(get, HttpStatusCode.NotFound, "BLOB_UNKNOWN");
        await OciAssert.ErrorAsync(again, HttpStatusCode.NotFound, "BLOB_UNKNOWN");
    }

    [Fact]
    public async Task Delete_UnknownBlob_ReturnsBlobUnknown()
    {
        var repository = NewRepository("blobs");
        await Registry.PushBlobAsync(repository, TestContent.Random(10));

        var response = await Registry.DeleteAsync($"/v2/{repository}/blobs/{TestContent.UnknownDigest()}");

        await OciAssert.ErrorAsync(response, HttpStatusCode.NotFound, "BLOB_UNKNOWN");
    }

    [Fact]
    public async Task Delete_BlobFromOneRepository_LeavesItReadableInAnother()
    {
        var first = NewRepository("blobs");
        var second = NewRepository("blobs");
        var content = TestContent.Random(300);
        var digest = await Registry.PushBlobAsync(first, content);
        await Registry.PushBlobAsync(second, content);

        await OciAssert.StatusAsync(HttpStatusCode.Accepted, await Registry.DeleteAsync($"/v2/{first}/blobs/{digest}"));
        var response = await Registry.GetAsync($"/v2/{second}/blobs/{digest}");

        await OciAssert.StatusAsync(HttpStatusCode.OK, response);
        Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
        await OciAssert.StatusAsync(HttpStatusCode.NotFound, await Registry.HeadAsync($"/v2/{first}/blobs/{digest}"));
    }
}
