using System.Net;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Uploads;

/// <summary>Upload sessions and monolithic uploads (end-4a, end-4b, end-6, end-13, end-14).</summary>
public abstract class UploadTests(RegistryFixture fixture) : RegistryTestBase(fixture)
{
    [Fact]
    public async Task Post_StartsUploadWithLocationUuidRangeAndChunkMinimum()
    {
        var repository = NewRepository("uploads");

        var response = await Registry.PostUploadAsync(repository);

        await OciAssert.StatusAsync(HttpStatusCode.Accepted, response);
        var uuid = OciAssert.Header(response, "Docker-Upload-UUID");
        Assert.False(string.IsNullOrEmpty(uuid));
        var location = response.Headers.Location?.OriginalString;
        Assert.NotNull(location);
        Assert.Contains($"/v2/{repository}/blobs/uploads/{uuid}", Registry.Resolve(location).AbsolutePath, StringComparison.Ordinal);
        Assert.Equal("0-0", OciAssert.Header(response, "Range"));
        var minimum = OciAssert.Header(response, "OCI-Chunk-Min-Length");
        Assert.True(long.TryParse(minimum, out var min) && min >= 0, $"OCI-Chunk-Min-Length must be advertised as a byte count, was '{minimum}'.");
    }

    [Fact]
    public async Task Post_TwoUploads_GetDistinctIds()
    {
        var repository = NewRepository("uploads");

        var first = await Registry.StartUploadAsync(repository);
        var second = await Registry.StartUploadAsync(repository);

        Assert.NotEqual(first.Uuid, second.Uuid);
        Assert.NotEqual(first.Location, second.Location);
    }

    [Theory]
    [InlineData("sha256")]
    [InlineData("sha512")]
    public async Task PostThenPut_Monolithic_Returns201WithBlobLocationAndDigest(string algorithm)
    {
        var repository = NewRepository("uploads");
        var content = TestContent.Random(4096);
        var digest = TestContent.Digest(content, algorithm);
        var session = await Registry.StartUploadAsync(repository);

        var response = await Registry.SendAsync(HttpMethod.Put, RegistryClient.WithQuery(session.Location, "digest", digest), RegistryClient.Octets(content));

        await OciAssert.StatusAsync(HttpStatusCode.Created, response);
        Assert.Equal(digest, OciAssert.Header(response, "Docker-Content-Digest"));
        var blob = await Registry.GetAsync(response.Headers.Location!.OriginalString);
        await OciAssert.StatusAsync(HttpStatusCode.OK, blob);
        Assert.Equal(content, await blob.Content.ReadAsByteArrayAsync());
        Assert.EndsWith($"/v2/{repository}/blobs/{digest}", Registry.Resolve(response.Headers.Location.OriginalString).AbsolutePath, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sha256")]
    [InlineData("sha512")]
    public async Task Post_WithDigest_UploadsInOneRequest(string algorithm)
    {
        var repository = NewRepository("uploads");
        var content = TestContent.Random(2048);
        var digest = TestContent.Digest(content, algorithm);

        var response = await Registry.PostUploadAsync(repository, "?digest=" + Uri.EscapeDataString(digest), RegistryClient.Octets(content));

        await OciAssert.StatusAsync(HttpStatusCode.Created, response);
        Assert.Equal(digest, OciAssert.Header(response, "Docker-Content-Digest"));
        Assert.EndsWith($"/v2/{repository}/blobs/{digest}", Registry.Resolve(response.Headers.Location!.OriginalString).AbsolutePath, StringComparison.Ordinal);
        var blob = await Registry.GetAsync($"/v2/{repository}/blobs/{digest}");
        Assert.Equal(content, await blob.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Post_WithWrongDigest_ReturnsDigestInvalidAndStoresNothing()
    {
        var repository = NewRepository("uploads");
        var content = TestContent.Random(100);
        var wrong = TestContent.UnknownDigest();

        var response = await Registry.PostUploadAsync(repository, "?digest=" + Uri.EscapeDataString(wrong), RegistryClient.Octets(content));

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "DIGEST_INVALID");
        await OciAssert.StatusAsync(HttpStatusCode.NotFound, await Registry.HeadAsync($"/v2/{repository}/blobs/{wrong}"));
        await OciAssert.StatusAsync(HttpStatusCode.NotFound, await Registry.HeadAsync($"/v2/{repository}/blobs/{TestContent.Sha256(content)}"));
    }

    [Fact]
    public async Task Put_WithWrongDigest_ReturnsDigestInvalidStoresNothingAndEndsUpload()
    {
        var repository = NewRepository("uploads");
        var content = TestContent.Random(1000);
        var wrong = TestContent.UnknownDigest();
        var session = await Registry.StartUploadAsync(repository);

        var response = await Registry.SendAsync(HttpMethod.Put, RegistryClient.WithQuery(session.Location, "digest", wrong), RegistryClient.Octets(content));

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "DIGEST_INVALID");
        await OciAssert.StatusAsync(HttpStatusCode.NotFound, await Registry.HeadAsync($"/v2/{repository}/blobs/{wrong}"));
        await OciAssert.StatusAsync(HttpStatusCode.NotFound, await Registry.HeadAsync($"/v2/{repository}/blobs/{TestContent.Sha256(content)}"));
        await OciAssert.ErrorAsync(await Registry.GetAsync(session.Location), HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");
    }

    [Theory]
    [InlineData("sha256:xyz")]
    [InlineData("foo")]
    [InlineData("sha256:abc")]
    [InlineData("md5:d41d8cd98f00b204e9800998ecf8427e")]
    [InlineData("sha384:38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b")]
    [InlineData("")]
    public async Task Put_WithMalformedOrUnsupportedDigest_ReturnsDigestInvalid(string digest)
    {
        var repository = NewRepository("uploads");
        var session = await Registry.StartUploadAsync(repository);

        var response = await Registry.SendAsync(HttpMethod.Put, RegistryClient.WithQuery(session.Location, "digest", digest), RegistryClient.Octets(TestContent.Random(10)));

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "DIGEST_INVALID");
    }

    [Theory]
    [InlineData("sha256:xyz")]
    [InlineData("foo")]
    [InlineData("md5:d41d8cd98f00b204e9800998ecf8427e")]
    public async Task Post_WithMalformedDigest_ReturnsDigestInvalid(string digest)
    {
        var response = await Registry.PostUploadAsync(NewRepository("uploads"), "?digest=" + Uri.EscapeDataString(digest), RegistryClient.Octets(TestContent.Random(10)));

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "DIGEST_INVALID");
    }

    [Fact]
    public async Task Put_WithoutDigest_ReturnsDigestInvalid()
    {
        var session = await Registry.StartUploadAsync(NewRepository("uploads"));

        var response = await Registry.SendAsync(HttpMethod.Put, session.Location, RegistryClient.Octets(TestContent.Random(10)));

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "DIGEST_INVALID");
    }

    [Fact]
    public async Task Get_UploadStatus_Returns204WithRangeAndLocation()
    {
        var repository = NewRepository("uploads");
        var session = await Registry.StartUploadAsync(repository);

        var empty = await Registry.GetAsync(session.Location);
        var content = TestContent.Random(session.ChunkSize(10));
        await OciAssert.StatusAsync(HttpStatusCode.Accepted, await Registry.SendAsync(HttpMethod.Patch, session.Location, RegistryClient.Chunk(content, 0)));
        var afterChunk = await Registry.GetAsync(session.Location);

        await OciAssert.StatusAsync(HttpStatusCode.NoContent, empty);
        Assert.Equal("0-0", OciAssert.Header(empty, "Range"));
        Assert.NotNull(empty.Headers.Location);
        Assert.Equal(session.Uuid, OciAssert.Header(empty, "Docker-Upload-UUID"));
        await OciAssert.StatusAsync(HttpStatusCode.NoContent, afterChunk);
        Assert.Equal($"0-{content.Length - 1}", OciAssert.Header(afterChunk, "Range"));
        Assert.NotNull(afterChunk.Headers.Location);
    }

    [Fact]
    public async Task Delete_Upload_Returns204AndThenUploadUnknown()
    {
        var repository = NewRepository("uploads");
        var session = await Registry.StartUploadAsync(repository);
        var content = TestContent.Random(session.ChunkSize(10));
        await OciAssert.StatusAsync(HttpStatusCode.Accepted, await Registry.SendAsync(HttpMethod.Patch, session.Location, RegistryClient.Chunk(content, 0)));

        var cancel = await Registry.DeleteAsync(session.Location);

        await OciAssert.StatusAsync(HttpStatusCode.NoContent, cancel);
        await OciAssert.ErrorAsync(await Registry.GetAsync(session.Location), HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");
        await OciAssert.ErrorAsync(await Registry.SendAsync(HttpMethod.Patch, session.Location, RegistryClient.Chunk(content, content.Length)), HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");
        await OciAssert.ErrorAsync(await Registry.SendAsync(HttpMethod.Put, RegistryClient.WithQuery(session.Location, "digest", TestContent.Sha256(content)), new ByteArrayContent([])), HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");
        await OciAssert.ErrorAsync(await Registry.DeleteAsync(session.Location), HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");
        await OciAssert.StatusAsync(HttpStatusCode.NotFound, await Registry.HeadAsync($"/v2/{repository}/blobs/{TestContent.Sha256(content)}"));
    }

    [Fact]
    public async Task Put_AfterCompletion_ReturnsUploadUnknown()
    {
        var repository = NewRepository("uploads");
        var content = TestContent.Random(10);
        var digest = TestContent.Sha256(content);
        var session = await Registry.StartUploadAsync(repository);
        await OciAssert.StatusAsync(HttpStatusCode.Created, await Registry.SendAsync(HttpMethod.Put, RegistryClient.WithQuery(session.Location, "digest", digest), RegistryClient.Octets(content)));

        var again = await Registry.SendAsync(HttpMethod.Put, RegistryClient.WithQuery(session.Location, "digest", digest), RegistryClient.Octets(content));

        await OciAssert.ErrorAsync(again, HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("3f2504e0-4f89-11d3-9a0c-0305e82c3301")]
    [InlineData("not-an-upload")]
    public async Task AnyMethod_OnUnknownUploadId_ReturnsUploadUnknown(string id)
    {
        var repository = NewRepository("uploads");
        await Registry.PushBlobAsync(repository, TestContent.Random(5));
        var path = $"/v2/{repository}/blobs/uploads/{id}";

        await OciAssert.ErrorAsync(await Registry.GetAsync(path), HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");
        await OciAssert.ErrorAsync(await Registry.SendAsync(HttpMethod.Patch, path, RegistryClient.Chunk(TestContent.Random(5), 0)), HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");
        await OciAssert.ErrorAsync(await Registry.SendAsync(HttpMethod.Put, path + "?digest=" + TestContent.UnknownDigest(), new ByteArrayContent([])), HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");
        await OciAssert.ErrorAsync(await Registry.DeleteAsync(path), HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");
    }

    [Fact]
    public async Task UploadId_FromAnotherRepository_IsUnknownThere()
    {
        var owner = NewRepository("uploads");
        var other = NewRepository("uploads");
        await Registry.PushBlobAsync(other, TestContent.Random(5));
        var session = await Registry.StartUploadAsync(owner);

        var response = await Registry.GetAsync($"/v2/{other}/blobs/uploads/{session.Uuid}");
        var patch = await Registry.SendAsync(HttpMethod.Patch, $"/v2/{other}/blobs/uploads/{session.Uuid}", RegistryClient.Chunk(TestContent.Random(5), 0));

        await OciAssert.ErrorAsync(response, HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");
        await OciAssert.ErrorAsync(patch, HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");
        await OciAssert.StatusAsync(HttpStatusCode.NoContent, await Registry.GetAsync(session.Location));
    }

    [Theory]
    [InlineData("..%2F..%2F..%2Fescape")]
    [InlineData("%2e%2e")]
    [InlineData("..")]
    [InlineData("abc%00def")]
    [InlineData("_state")]
    public async Task UploadId_WithPathTricks_IsRefusedWithoutTouchingStorage(string id)
    {
        var repository = NewRepository("uploads");
        await Registry.PushBlobAsync(repository, TestContent.Random(5));
        var path = $"/v2/{repository}/blobs/uploads/{id}";

        var responses = new[]
        {
            await Registry.GetAsync(path),
            await Registry.SendAsync(HttpMethod.Patch, path, RegistryClient.Chunk(TestContent.Random(5), 0)),
            await Registry.SendAsync(HttpMethod.Put, path + "?digest=" + TestContent.UnknownDigest(), RegistryClient.Octets(TestContent.Random(5))),
            await Registry.DeleteAsync(path),
        };

        foreach (var response in responses)
        {
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{response.RequestMessage!.Method} {path}: {(int)response.StatusCode}");
        }

        StorageAssert.NothingOutsideDataDirectory(Fixture, "escape");
    }
}
