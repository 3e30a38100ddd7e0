using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Berth.Testing;

namespace Berth.Api.Tests;

/// <summary>The core push and pull flows end to end on a real Kestrel: every upload style, manifests by tag and digest, sha512.</summary>
public sealed class CoreFlowTests : IAsyncLifetime
{
    private BerthTestServer _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await BerthTestServer.StartAsync();
        _client = _server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task MonolithicPost_StoresBlob_ThatReadsBackWithDigestHeaders()
    {
        var blob = RandomBytes(70_000);
        var digest = Sha256(blob);

        using var post = await _client.PostAsync($"/v2/core/mono/blobs/uploads/?digest={digest}", Octets(blob));
        Assert.Equal(HttpStatusCode.Created, post.StatusCode);
        Assert.Equal($"/v2/core/mono/blobs/{digest}", post.Headers.Location!.OriginalString);
        Assert.Equal(digest, Header(post, "Docker-Content-Digest"));

        using var get = await _client.GetAsync($"/v2/core/mono/blobs/{digest}");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(blob, await get.Content.ReadAsByteArrayAsync());
        Assert.Equal(digest, Header(get, "Docker-Content-Digest"));
        Assert.Equal($"\"{digest}\"", get.Headers.ETag!.Tag);
        Assert.Equal("registry/2.0", Header(get, "Docker-Distribution-API-Version"));
    }

    [Fact]
    public async Task PostThenPut_StoresBlob()
    {
        var blob = RandomBytes(5_000);
        var digest = Sha256(blob);
        var location = await StartUploadAsync("core/postput");

        using var put = await _client.PutAsync($"{location}?digest={digest}", Octets(blob));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(blob, await _client.GetByteArrayAsync($"/v2/core/postput/blobs/{digest}"));
    }

    [Fact]
    public async Task ChunkedPatch_ThenPutWithLastChunk_StoresBlobAndReportsRanges()
    {
        var blob = RandomBytes(600_000);
        var digest = Sha256(blob);
        var location = await StartUploadAsync("core/chunked");

        using (var patch = await PatchAsync(location, blob.AsMemory(0, 300_000), "0-299999"))
        {
            Assert.Equal(HttpStatusCode.Accepted, patch.StatusCode);
            Assert.Equal("0-299999", Header(patch, "Range"));
            location = patch.Headers.Location!.OriginalString;
        }

        using (var status = await _client.GetAsync(location))
        {
            Assert.Equal(HttpStatusCode.NoContent, status.StatusCode);
            Assert.Equal("0-299999", Header(status, "Range"));
        }

        using var last = new ByteArrayContent(blob, 300_000, 300_000);
        last.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        last.Headers.TryAddWithoutValidation("Content-Range", "300000-599999");
        using var put = await _client.PutAsync($"{location}?digest={digest}", last);
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(blob, await _client.GetByteArrayAsync($"/v2/core/chunked/blobs/{digest}"));
    }

    [Fact]
    public async Task OutOfOrderChunk_Returns416WithCurrentRange()
    {
        var location = await StartUploadAsync("core/order");
        using (var first = await PatchAsync(location, RandomBytes(100), "0-99"))
        {
            Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        }

        using var skipped = await PatchAsync(location, RandomBytes(100), "200-299");
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, skipped.StatusCode);
        Assert.Equal("0-99", Header(skipped, "Range"));
        Assert.Contains("RANGE_INVALID", await skipped.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamedPatchWithoutContentRange_ThenEmptyPut_StoresSha512Blob()
    {
        var blob = RandomBytes(400_000);
        var digest = "sha512:" + Convert.ToHexStringLower(SHA512.HashData(blob));
        var location = await StartUploadAsync("core/streamed");

        using var request = new HttpRequestMessage(HttpMethod.Patch, location) { Content = new StreamContent(new MemoryStream(blob)) };
        request.Headers.TransferEncodingChunked = true;
        using var patch = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, patch.StatusCode);
        Assert.Equal("0-399999", Header(patch, "Range"));

        using var put = await _client.PutAsync($"{patch.Headers.Location!.OriginalString}?digest={digest}", null);
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(digest, Header(put, "Docker-Content-Digest"));
        Assert.Equal(blob, await _client.GetByteArrayAsync($"/v2/core/streamed/blobs/{digest}"));
    }

    [Fact]
    public async Task Upload_WithWrongDigest_ReturnsDigestInvalidAndStoresNothing()
    {
        var blob = RandomBytes(1_000);
        var wrong = Sha256(RandomBytes(10));

        using var post = await _client.PostAsync($"/v2/core/wrong/blobs/uploads/?digest={wrong}", Octets(blob));
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Contains("DIGEST_INVALID", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var head = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/core/wrong/blobs/{wrong}"));
        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_server.DataDirectory, "v1"), "data", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task PushImage_ThenPullByTagAndDigest_ReturnsExactManifest()
    {
        var (manifest, manifestDigest) = await PushImageAsync("core/image", "v1");

        foreach (var reference in new[] { "v1", manifestDigest })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/core/image/manifests/{reference}");
            request.Headers.Accept.ParseAdd("application/vnd.oci.image.manifest.v1+json");
            using var get = await _client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            Assert.Equal("application/vnd.oci.image.manifest.v1+json", get.Content.Headers.ContentType!.MediaType);
            Assert.Equal(manifestDigest, Header(get, "Docker-Content-Digest"));
            Assert.Equal(manifest, await get.Content.ReadAsByteArrayAsync());
        }

        Assert.Equal("{\"name\":\"core/image\",\"tags\":[\"v1\"]}", await _client.GetStringAsync("/v2/core/image/tags/list"));
    }

    [Fact]
    public async Task PutManifest_WithUnpushedLayer_ReturnsManifestBlobUnknown()
    {
        var config = await PushBlobAsync("core/missing", Encoding.UTF8.GetBytes("{}"));
        var layer = Sha256(RandomBytes(10));
        var manifest = ImageManifest(config, 2, layer, 10);

        using var put = await PutManifestAsync("core/missing", "v1", manifest);
        Assert.Equal(HttpStatusCode.NotFound, put.StatusCode);
        Assert.Contains("MANIFEST_BLOB_UNKNOWN", await put.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutManifestBySha512Digest_VerifiesAndServesIt()
    {
        var config = await PushBlobAsync("core/sha512m", Encoding.UTF8.GetBytes("{}"));
        var manifest = ImageManifest(config, 2, null, 0);
        var digest = "sha512:" + Convert.ToHexStringLower(SHA512.HashData(manifest));

        using var put = await PutManifestAsync("core/sha512m", digest, manifest);
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(digest, Header(put, "Docker-Content-Digest"));
        Assert.Equal(manifest, await _client.GetByteArrayAsync($"/v2/core/sha512m/manifests/{digest}"));
    }

    [Fact]
    public async Task ManifestWithSubject_ReturnsOciSubject_AndIsListedAsReferrer()
    {
        var (_, subject) = await PushImageAsync("core/referrers", "v1");
        var empty = await PushBlobAsync("core/referrers", Encoding.UTF8.GetBytes("{}"));
        var signature = Encoding.UTF8.GetBytes(
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"artifactType\":\"application/vnd.example.sig\"," +
            $"\"config\":{{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\"{empty}\",\"size\":2}},\"layers\":[]," +
            $"\"subject\":{{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"{subject}\",\"size\":1}}}}");
        var signatureDigest = Sha256(signature);

        using var put = await PutManifestAsync("core/referrers", signatureDigest, signature);
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(subject, Header(put, "OCI-Subject"));

        using var referrers = await _client.GetAsync($"/v2/core/referrers/referrers/{subject}?artifactType=application/vnd.example.sig");
        Assert.Equal(HttpStatusCode.OK, referrers.StatusCode);
        Assert.Equal("application/vnd.oci.image.index.v1+json", referrers.Content.Headers.ContentType!.MediaType);
        Assert.Equal("artifactType", Header(referrers, "OCI-Filters-Applied"));
        Assert.Equal(
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[" +
            $"{{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"{signatureDigest}\",\"size\":{signature.Length},\"artifactType\":\"application/vnd.example.sig\"}}]}}",
            await referrers.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Mount_FromRepositoryThatHasTheBlob_Returns201_AndWithoutFromMountsAReadableBlobOrFallsBackToUpload()
    {
        var digest = await PushBlobAsync("core/source", RandomBytes(1000));

        using var mounted = await _client.PostAsync($"/v2/core/target/blobs/uploads/?mount={digest}&from=core/source", null);
        Assert.Equal(HttpStatusCode.Created, mounted.StatusCode);
        Assert.Equal(digest, Header(mounted, "Docker-Content-Digest"));

        using var withoutFrom = await _client.PostAsync($"/v2/core/other/blobs/uploads/?mount={digest}", null);
        Assert.Equal(HttpStatusCode.Created, withoutFrom.StatusCode);
        using var mountedHead = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/core/other/blobs/{digest}"));
        Assert.Equal(HttpStatusCode.OK, mountedHead.StatusCode);

        var unknown = Sha256(RandomBytes(1000));
        using var fallback = await _client.PostAsync($"/v2/core/third/blobs/uploads/?mount={unknown}", null);
        Assert.Equal(HttpStatusCode.Accepted, fallback.StatusCode);
        using var head = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/core/third/blobs/{unknown}"));
        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
    }

    [Fact]
    public async Task RangeRequests_ServePartsAndRefuseUnsatisfiableRanges()
    {
        var blob = RandomBytes(1000);
        var digest = await PushBlobAsync("core/range", blob);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/core/range/blobs/{digest}");
        request.Headers.Range = new RangeHeaderValue(null, 100);
        using var suffix = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.PartialContent, suffix.StatusCode);
        Assert.Equal("bytes 900-999/1000", suffix.Content.Headers.ContentRange!.ToString());
        Assert.Equal(blob[900..], await suffix.Content.ReadAsByteArrayAsync());

        using var beyond = new HttpRequestMessage(HttpMethod.Get, $"/v2/core/range/blobs/{digest}");
        beyond.Headers.Range = new RangeHeaderValue(1000, null);
        using var refused = await _client.SendAsync(beyond);
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, refused.StatusCode);
        Assert.Equal("bytes */1000", refused.Content.Headers.ContentRange!.ToString());
        Assert.Contains("RANGE_INVALID", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<(byte[] Manifest, string Digest)> PushImageAsync(string repository, string tag)
    {
        var layer = RandomBytes(20_000);
        var layerDigest = await PushBlobAsync(repository, layer);
        var config = await PushBlobAsync(repository, Encoding.UTF8.GetBytes("{\"architecture\":\"amd64\",\"os\":\"linux\"}"));
        var manifest = ImageManifest(config, 37, layerDigest, layer.Length);
        using var put = await PutManifestAsync(repository, tag, manifest);
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        return (manifest, Header(put, "Docker-Content-Digest"));
    }

    private static byte[] ImageManifest(string config, int configSize, string? layer, int layerSize) =>
        Encoding.UTF8.GetBytes(
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"," +
            $"\"config\":{{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"{config}\",\"size\":{configSize}}}," +
            "\"layers\":[" + (layer is null ? string.Empty : $"{{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"{layer}\",\"size\":{layerSize}}}") + "]}");

    private async Task<HttpResponseMessage> PutManifestAsync(string repository, string reference, byte[] manifest)
    {
        var content = new ByteArrayContent(manifest);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.oci.image.manifest.v1+json");
        return await _client.PutAsync($"/v2/{repository}/manifests/{reference}", content);
    }

    private async Task<string> PushBlobAsync(string repository, byte[] blob)
    {
        var digest = Sha256(blob);
        using var post = await _client.PostAsync($"/v2/{repository}/blobs/uploads/?digest={digest}", Octets(blob));
        Assert.Equal(HttpStatusCode.Created, post.StatusCode);
        return digest;
    }

    private async Task<string> StartUploadAsync(string repository)
    {
        using var post = await _client.PostAsync($"/v2/{repository}/blobs/uploads/", null);
        Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
        Assert.Equal("0-0", Header(post, "Range"));
        Assert.Equal("0", Header(post, "OCI-Chunk-Min-Length"));
        Assert.NotEmpty(Header(post, "Docker-Upload-UUID"));
        return post.Headers.Location!.OriginalString;
    }

    private Task<HttpResponseMessage> PatchAsync(string location, ReadOnlyMemory<byte> chunk, string range)
    {
        var content = new ReadOnlyMemoryContent(chunk);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Headers.TryAddWithoutValidation("Content-Range", range);
        return _client.PatchAsync(location, content);
    }

    private static ByteArrayContent Octets(byte[] blob)
    {
        var content = new ByteArrayContent(blob);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return content;
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(",", values)
            : string.Empty;

    private static string Sha256(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }
}
