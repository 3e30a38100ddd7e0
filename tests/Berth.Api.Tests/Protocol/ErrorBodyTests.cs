using System.Net;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Protocol;

/// <summary>The version check (end-1) and the error envelope every failure uses.</summary>
public abstract class ErrorBodyTests(RegistryFixture fixture) : RegistryTestBase(fixture)
{
    [Fact]
    public async Task VersionCheck_Returns200WithApiVersionHeader()
    {
        var get = await Registry.GetAsync("/v2/");
        var head = await Registry.HeadAsync("/v2/");

        await OciAssert.StatusAsync(HttpStatusCode.OK, get);
        await OciAssert.StatusAsync(HttpStatusCode.OK, head);
    }

    [Theory]
    [InlineData("blob-unknown")]
    [InlineData("manifest-unknown")]
    [InlineData("name-unknown")]
    [InlineData("name-invalid")]
    [InlineData("digest-invalid")]
    [InlineData("upload-unknown")]
    [InlineData("manifest-invalid")]
    [InlineData("range-invalid")]
    public async Task Error_HasSpecEnvelopeStatusAndHeaders(string scenario)
    {
        var repository = NewRepository("errors");
        var digest = await Registry.PushBlobAsync(repository, TestContent.Random(10));

        var (response, status, code) = scenario switch
        {
            "blob-unknown" => (await Registry.GetAsync($"/v2/{repository}/blobs/{TestContent.UnknownDigest()}"), HttpStatusCode.NotFound, "BLOB_UNKNOWN"),
            "manifest-unknown" => (await Registry.GetAsync($"/v2/{repository}/manifests/nope"), HttpStatusCode.NotFound, "MANIFEST_UNKNOWN"),
            "name-unknown" => (await Registry.GetAsync($"/v2/{NewRepository("ghost")}/tags/list"), HttpStatusCode.NotFound, "NAME_UNKNOWN"),
            "name-invalid" => (await Registry.GetAsync("/v2/NOPE/tags/list"), HttpStatusCode.BadRequest, "NAME_INVALID"),
            "digest-invalid" => (await Registry.GetAsync($"/v2/{repository}/blobs/sha256:nothex"), HttpStatusCode.BadRequest, "DIGEST_INVALID"),
            "upload-unknown" => (await Registry.GetAsync($"/v2/{repository}/blobs/uploads/ffffffffffffffffffffffffffffffff"), HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN"),
            "manifest-invalid" => (await Registry.PutManifestAsync(repository, "bad", TestContent.Utf8("{"), MediaTypes.OciManifest), HttpStatusCode.BadRequest, "MANIFEST_INVALID"),
            _ => (await Registry.GetAsync($"/v2/{repository}/blobs/{digest}", ("Range", "bytes=50-60")), HttpStatusCode.RequestedRangeNotSatisfiable, "RANGE_INVALID"),
        };

        var error = await OciAssert.ErrorAsync(response, status, code);
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()), "Errors carry a human-readable message.");
    }

    [Theory]
    [InlineData("GET", "/v2/repo/nothing-here")]
    [InlineData("GET", "/v2/repo/blobs/")]
    [InlineData("POST", "/v2/repo/tags/list")]
    [InlineData("PATCH", "/v2/repo/manifests/latest")]
    [InlineData("GET", "/v2/_catalog/extra")]
    public async Task UnroutedOrWrongMethod_UnderV2_Returns4xxWithApiVersionHeader(string method, string path)
    {
        var response = await Registry.SendAsync(new HttpMethod(method), path, method == "GET" ? null : new ByteArrayContent([]));

        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed or HttpStatusCode.BadRequest, $"{method} {path}: {(int)response.StatusCode}");
        OciAssert.HasApiVersion(response);
    }

    [Fact]
    public async Task HeadErrors_HaveNoBodyButKeepStatusAndHeader()
    {
        var repository = NewRepository("errors");
        await Registry.PushBlobAsync(repository, TestContent.Random(10));

        var response = await Registry.HeadAsync($"/v2/{repository}/blobs/{TestContent.UnknownDigest()}");

        await OciAssert.StatusAsync(HttpStatusCode.NotFound, response);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }
}
