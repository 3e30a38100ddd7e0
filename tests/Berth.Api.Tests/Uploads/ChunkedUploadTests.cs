using System.Net;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Uploads;

/// <summary>Chunked (PATCH with Content-Range) and streamed (PATCH without it, as docker does) uploads (end-5, end-6).</summary>
public abstract class ChunkedUploadTests(RegistryFixture fixture) : RegistryTestBase(fixture)
{
    [Theory]
    [InlineData("sha256")]
    [InlineData("sha512")]
    public async Task Patch_ChunksInOrderThenPut_CreatesBlobAndReportsRangeAfterEachChunk(string algorithm)
    {
        var repository = NewRepository("chunked");
        var session = await Registry.StartUploadAsync(repository);
        var size = session.ChunkSize(1000);
        var content = TestContent.Random((size * 2) + 123);
        var digest = TestContent.Digest(content, algorithm);

        var location = session.Location;
        var offset = 0;
        while (offset < content.Length)
        {
            var chunk = content[offset..Math.Min(offset + size, content.Length)];
            var response = await Registry.SendAsync(HttpMethod.Patch, location, RegistryClient.Chunk(chunk, offset));
            await OciAssert.StatusAsync(HttpStatusCode.Accepted, response);
            offset += chunk.Length;
            Assert.Equal($"0-{offset - 1}", OciAssert.Header(response, "Range"));
            Assert.Equal(session.Uuid, OciAssert.Header(response, "Docker-Upload-UUID"));
            location = response.Headers.Location?.OriginalString ?? throw new Xunit.Sdk.XunitException("PATCH must answer a Location.");
        }

        var put = await Registry.SendAsync(HttpMethod.Put, RegistryClient.WithQuery(location, "digest", digest), new ByteArrayContent([]));

        await OciAssert.StatusAsync(HttpStatusCode.Created, put);
        Assert.Equal(digest, OciAssert.Header(put, "Docker-Content-Digest"));
        var blob = await Registry.GetAsync($"/v2/{repository}/blobs/{digest}");
        Assert.Equal(content, await blob.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Put_WithFinalChunk_CompletesChunkedUpload()
    {
        var repository = NewRepository("chunked");
        var session = await Registry.StartUploadAsync(repository);
        var first = TestContent.Random(session.ChunkSize(500));
        var last = TestContent.Random(77);
        var digest = TestContent.Sha256(TestContent.Concat(first, last));
        var patch = await Registry.SendAsync(HttpMethod.Patch, session.Location, RegistryClient.Chunk(first, 0));
        await OciAssert.StatusAsync(HttpStatusCode.Accepted, patch);

        var put = await Registry.SendAsync(HttpMethod.Put, RegistryClient.WithQuery(patch.Headers.Location!.OriginalString, "digest", digest), RegistryClient.Chunk(last, first.Length));

        await OciAssert.StatusAsync(HttpStatusCode.Created, put);
        var blob = await Registry.GetAsync($"/v2/{repository}/blobs/{digest}");
        Assert.Equal(TestContent.Concat(first, last), await blob.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Patch_OutOfOrderChunk_Returns416WithCurrentRangeAndKeepsUpload()
    {
        var repository = NewRepository("chunked");
        var session = await Registry.StartUploadAsync(repository);
        var size = session.ChunkSize(100);
        var content = TestContent.Random(size * 2);
        var first = await Registry.SendAsync(HttpMethod.Patch, session.Location, RegistryClient.Chunk(content[..size], 0));
        await OciAssert.StatusAsync(HttpStatusCode.Accepted, first);
        var location = first.Headers.Location!.OriginalString;

        var gap = await Registry.SendAsync(HttpMethod.Patch, location, RegistryClient.Chunk(content[(size + 10)..], size + 10));

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, gap.StatusCode);
        OciAssert.HasApiVersion(gap);
        Assert.Equal($"0-{size - 1}", OciAssert.Header(gap, "Range"));
        var status = await Registry.GetAsync(location);
        await OciAssert.StatusAsync(HttpStatusCode.NoContent, status);
        Assert.Equal($"0-{size - 1}", OciAssert.Header(status, "Range"));
        await CompleteAsync(repository, status.Headers.Location!.OriginalString, content, size);
    }

    [Fact]
    public async Task Patch_FirstChunkNotStartingAtZero_Returns416()
    {
        var session = await Registry.StartUploadAsync(NewRepository("chunked"));

        var response = await Registry.SendAsync(HttpMethod.Patch, session.Location, RegistryClient.Chunk(TestContent.Random(session.ChunkSize(10)), 5));

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
        OciAssert.HasApiVersion(response);
        Assert.Equal("0-0", OciAssert.Header(await Registry.GetAsync(session.Location), "Range"));
    }

    [Fact]
    public async Task Patch_RepeatedChunk_Returns416AndUploadContinues()
    {
        var repository = NewRepository("chunked");
        var session = await Registry.StartUploadAsync(repository);
        var size = session.ChunkSize(100);
        var content = TestContent.Random(size * 2);
        await OciAssert.StatusAsync(HttpStatusCode.Accepted, await Registry.SendAsync(HttpMethod.Patch, session.Location, RegistryClient.Chunk(content[..size], 0)));

        var retry = await Registry.SendAsync(HttpMethod.Patch, session.Location, RegistryClient.Chunk(content[..size], 0));

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, retry.StatusCode);
        Assert.Equal($"0-{size - 1}", OciAssert.Header(retry, "Range"));
        await CompleteAsync(repository, session.Location, content, size);
    }

    [Theory]
    [InlineData("sha256")]
    [InlineData("sha512")]
    public async Task Patch_StreamedWithoutContentRange_AppendsAndCompletes(string algorithm)
    {
        var repository = NewRepository("streamed");
        var first = TestContent.Random(70_000);
        var second = TestContent.Random(12_345);
        var digest = TestContent.Digest(TestContent.Concat(first, second), algorithm);
        var session = await Registry.StartUploadAsync(repository);

        var one = await Registry.SendAsync(HttpMethod.Patch, session.Location, new UnknownLengthContent(first));
        await OciAssert.StatusAsync(HttpStatusCode.Accepted, one);
        Assert.Equal($"0-{first.Length - 1}", OciAssert.Header(one, "Range"));
        var two = await Registry.SendAsync(HttpMethod.Patch, one.Headers.Location!.OriginalString, new UnknownLengthContent(second));
        await OciAssert.StatusAsync(HttpStatusCode.Accepted, two);
        Assert.Equal($"0-{first.Length + second.Length - 1}", OciAssert.Header(two, "Range"));
        var put = await Registry.SendAsync(HttpMethod.Put, RegistryClient.WithQuery(two.Headers.Location!.OriginalString, "digest", digest), new ByteArrayContent([]));

        await OciAssert.StatusAsync(HttpStatusCode.Created, put);
        var blob = await Registry.GetAsync($"/v2/{repository}/blobs/{digest}");
        Assert.Equal(TestContent.Concat(first, second), await blob.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Patch_WithContentLengthButNoContentRange_IsStreamedAppend()
    {
        var repository = NewRepository("streamed");
        var content = TestContent.Random(5000);
        var session = await Registry.StartUploadAsync(repository);

        var patch = await Registry.SendAsync(HttpMethod.Patch, session.Location, RegistryClient.Octets(content));
        await OciAssert.StatusAsync(HttpStatusCode.Accepted, patch);
        var put = await Registry.SendAsync(HttpMethod.Put, RegistryClient.WithQuery(patch.Headers.Location!.OriginalString, "digest", TestContent.Sha256(content)), new ByteArrayContent([]));

        await OciAssert.StatusAsync(HttpStatusCode.Created, put);
        Assert.Equal("0-4999", OciAssert.Header(patch, "Range"));
    }

    /// <summary>
    /// The spec asks clients to send non-final chunks of at least OCI-Chunk-Min-Length. Below an advertised minimum the
    /// registry may refuse the chunk that follows a short one (400/416) or accept it; at or above it, it must accept.
    /// Either way it must not fail or assemble a wrong blob.
    /// </summary>
    [Fact]
    public async Task Patch_NonFinalChunkSmallerThanAdvertised_IsRefusedCleanlyOrStoredCorrectly()
    {
        var repository = NewRepository("chunked");
        var session = await Registry.StartUploadAsync(repository);
        Assert.NotNull(session.MinChunkLength);
        var minimum = session.MinChunkLength.Value;
        var shortChunk = TestContent.Random((int)Math.Max(1, minimum - 1));
        var next = TestContent.Random(100);
        var digest = TestContent.Sha256(TestContent.Concat(shortChunk, next));

        var first = await Registry.SendAsync(HttpMethod.Patch, session.Location, RegistryClient.Chunk(shortChunk, 0));
        var responses = new List<HttpResponseMessage> { first };
        if (first.StatusCode == HttpStatusCode.Accepted)
        {
            var second = await Registry.SendAsync(HttpMethod.Patch, first.Headers.Location!.OriginalString, RegistryClient.Chunk(next, shortChunk.Length));
            responses.Add(second);
            if (second.StatusCode == HttpStatusCode.Accepted)
            {
                responses.Add(await Registry.SendAsync(HttpMethod.Put, RegistryClient.WithQuery(second.Headers.Location!.OriginalString, "digest", digest), new ByteArrayContent([])));
            }
        }

        var last = responses[^1];
        if (last.StatusCode == HttpStatusCode.Created)
        {
            var blob = await Registry.GetAsync($"/v2/{repository}/blobs/{digest}");
            Assert.Equal(TestContent.Concat(shortChunk, next), await blob.Content.ReadAsByteArrayAsync());
        }
        else
        {
            Assert.True(shortChunk.Length < minimum, $"A non-final chunk of {shortChunk.Length} bytes meets the advertised minimum {minimum} and must be accepted, got {(int)last.StatusCode}.");
            Assert.True(last.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestedRangeNotSatisfiable, $"A short non-final chunk must be refused with 400 or 416, got {(int)last.StatusCode}.");
            await OciAssert.StatusAsync(HttpStatusCode.NotFound, await Registry.HeadAsync($"/v2/{repository}/blobs/{digest}"));
        }
    }

    [Fact]
    public async Task Patch_ChunksOfExactlyTheMinimum_AreAccepted()
    {
        var repository = NewRepository("chunked");
        var session = await Registry.StartUploadAsync(repository);
        var size = (int)Math.Max(1, session.MinChunkLength ?? 1);
        var content = TestContent.Random((size * 2) + 1);

        await CompleteAsync(repository, session.Location, content, 0, size);
    }

    [Theory]
    [InlineData("PATCH", "0-99")]
    [InlineData("PATCH", "0-10")]
    [InlineData("PUT", "0-99")]
    public async Task Chunk_WithContentLengthDifferentFromContentRange_ReturnsSizeInvalidAndUploadUnchanged(string method, string contentRange)
    {
        var session = await Registry.StartUploadAsync(NewRepository("chunked"));
        var content = TestContent.Random(50);
        var body = RegistryClient.Octets(content);
        body.Headers.TryAddWithoutValidation("Content-Range", contentRange);
        var target = method == "PUT" ? RegistryClient.WithQuery(session.Location, "digest", TestContent.Sha256(content)) : session.Location;

        var response = await Registry.SendAsync(new HttpMethod(method), target, body);

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "SIZE_INVALID");
        var status = await Registry.GetAsync(session.Location);
        await OciAssert.StatusAsync(HttpStatusCode.NoContent, status);
        Assert.Equal("0-0", OciAssert.Header(status, "Range"));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("5-2")]
    [InlineData("-49")]
    [InlineData("0-")]
    [InlineData("0-9223372036854775807")]
    public async Task Patch_WithMalformedContentRange_Returns416RangeInvalidAndUploadUnchanged(string contentRange)
    {
        var session = await Registry.StartUploadAsync(NewRepository("chunked"));
        var body = RegistryClient.Octets(TestContent.Random(50));
        body.Headers.TryAddWithoutValidation("Content-Range", contentRange);

        var response = await Registry.SendAsync(HttpMethod.Patch, session.Location, body);

        await OciAssert.ErrorAsync(response, HttpStatusCode.RequestedRangeNotSatisfiable, "RANGE_INVALID", "BLOB_UPLOAD_INVALID");
        Assert.Equal("0-0", OciAssert.Header(await Registry.GetAsync(session.Location), "Range"));
    }

    private async Task CompleteAsync(string repository, string location, byte[] content, int offset, int chunkSize = int.MaxValue)
    {
        while (offset < content.Length)
        {
            var chunk = content[offset..(int)Math.Min((long)offset + chunkSize, content.Length)];
            var response = await Registry.SendAsync(HttpMethod.Patch, location, RegistryClient.Chunk(chunk, offset));
            await OciAssert.StatusAsync(HttpStatusCode.Accepted, response);
            offset += chunk.Length;
            location = response.Headers.Location!.OriginalString;
        }

        var digest = TestContent.Sha256(content);
        await OciAssert.StatusAsync(HttpStatusCode.Created, await Registry.SendAsync(HttpMethod.Put, RegistryClient.WithQuery(location, "digest", digest), new ByteArrayContent([])));
        var blob = await Registry.GetAsync($"/v2/{repository}/blobs/{digest}");
        Assert.Equal(content, await blob.Content.ReadAsByteArrayAsync());
    }
}
