using System.Net;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Blobs;

/// <summary>Range reads of blobs (RFC 9110 §14): 206 with Content-Range, 416 RANGE_INVALID with "bytes */size".</summary>
public abstract class BlobRangeTests(RegistryFixture fixture) : RegistryTestBase(fixture)
{
    private const int Size = 100;

    [Theory]
    [InlineData("bytes=0-9", 0, 9)]
    [InlineData("bytes=10-", 10, 99)]
    [InlineData("bytes=-5", 95, 99)]
    [InlineData("bytes=0-99", 0, 99)]
    [InlineData("bytes=0-", 0, 99)]
    [InlineData("bytes=99-99", 99, 99)]
    [InlineData("bytes=90-150", 90, 99)]
    [InlineData("bytes=-500", 0, 99)]
    public async Task Get_WithSatisfiableRange_Returns206WithContentRangeAndSlice(string range, int start, int end)
    {
        var (repository, content, digest) = await PushAsync();

        var response = await Registry.GetAsync($"/v2/{repository}/blobs/{digest}", ("Range", range));

        await OciAssert.StatusAsync(HttpStatusCode.PartialContent, response);
        Assert.Equal($"bytes {start}-{end}/{Size}", OciAssert.Header(response, "Content-Range"));
        Assert.Equal(end - start + 1, response.Content.Headers.ContentLength);
        Assert.Equal(content[start..(end + 1)], await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("bytes=100-")]
    [InlineData("bytes=100-200")]
    [InlineData("bytes=500-600")]
    [InlineData("bytes=-0")]
    public async Task Get_WithUnsatisfiableRange_Returns416RangeInvalidWithSize(string range)
    {
        var (repository, _, digest) = await PushAsync();

        var response = await Registry.GetAsync($"/v2/{repository}/blobs/{digest}", ("Range", range));

        await OciAssert.ErrorAsync(response, HttpStatusCode.RequestedRangeNotSatisfiable, "RANGE_INVALID");
        Assert.Equal($"bytes */{Size}", OciAssert.Header(response, "Content-Range"));
    }

    /// <summary>
    /// RFC 9110 §14.2: a server MUST ignore a Range with a unit it does not understand, and a byte-range-spec whose
    /// last position is below its first is invalid (§14.1.1), not unsatisfiable, so it is ignored too: 200, whole blob.
    /// </summary>
    [Theory]
    [InlineData("items=0-5")]
    [InlineData("pages=1")]
    [InlineData("bytes=9-5")]
    [InlineData("bytes=abc-def")]
    [InlineData("bytes=5")]
    public async Task Get_WithUnknownUnitOrInvalidRangeSpec_IgnoresRangeAndReturnsWholeBlob(string range)
    {
        var (repository, content, digest) = await PushAsync();

        var response = await Registry.GetAsync($"/v2/{repository}/blobs/{digest}", ("Range", range));

        await OciAssert.StatusAsync(HttpStatusCode.OK, response);
        Assert.Null(OciAssert.Header(response, "Content-Range"));
        Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>
    /// RFC 9110 lets a server ignore a multi-range request (200 with the whole blob), answer it (206 multipart/byteranges)
    /// or refuse it (416); what it must never do is answer one part as if it were the whole request, or fail.
    /// </summary>
    [Fact]
    public async Task Get_WithMultipleRanges_IsAnsweredConsistently()
    {
        var (repository, content, digest) = await PushAsync();

        var response = await Registry.GetAsync($"/v2/{repository}/blobs/{digest}", ("Range", "bytes=0-1,5-6"));

        switch (response.StatusCode)
        {
            case HttpStatusCode.OK:
                Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
                break;
            case HttpStatusCode.PartialContent:
                Assert.Equal("multipart/byteranges", response.Content.Headers.ContentType?.MediaType);
                break;
            default:
                await OciAssert.ErrorAsync(response, HttpStatusCode.RequestedRangeNotSatisfiable, "RANGE_INVALID");
                Assert.Equal($"bytes */{Size}", OciAssert.Header(response, "Content-Range"));
                break;
        }
    }

    [Fact]
    public async Task Get_RangeOnEmptyBlob_Returns416()
    {
        var repository = NewRepository("ranges");
        var digest = await Registry.PushBlobAsync(repository, []);

        var response = await Registry.GetAsync($"/v2/{repository}/blobs/{digest}", ("Range", "bytes=0-0"));

        await OciAssert.ErrorAsync(response, HttpStatusCode.RequestedRangeNotSatisfiable, "RANGE_INVALID");
        Assert.Equal("bytes */0", OciAssert.Header(response, "Content-Range"));
    }

    [Fact]
    public async Task Get_RangeOfUnknownBlob_ReturnsBlobUnknown()
    {
        var (repository, _, _) = await PushAsync();

        var response = await Registry.GetAsync($"/v2/{repository}/blobs/{TestContent.UnknownDigest()}", ("Range", "bytes=0-9"));

        await OciAssert.ErrorAsync(response, HttpStatusCode.NotFound, "BLOB_UNKNOWN");
    }

    private async Task<(string Repository, byte[] Content, string Digest)> PushAsync()
    {
        var repository = NewRepository("ranges");
        var content = TestContent.Random(Size);
        var digest = await Registry.PushBlobAsync(repository, content);
        return (repository, content, digest);
    }
}
