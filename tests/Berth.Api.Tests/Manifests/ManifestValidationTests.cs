using System.Net;
using System.Text.Json.Nodes;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Manifests;

/// <summary>
/// Manifests PUT refuses: malformed or unsupported documents, missing references, oversize, wrong digests, bad tags.
/// Missing references are 404 MANIFEST_BLOB_UNKNOWN and oversize is 413, the failure statuses the spec lists for end-7.
/// </summary>
public abstract class ManifestValidationTests(RegistryFixture fixture) : RegistryTestBase(fixture)
{
    private const int FourMebibytes = 4 * 1024 * 1024;

    [Theory]
    [InlineData("{\"schemaVersion\": 2, ")]
    [InlineData("not json at all")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("")]
    [InlineData("{\"schemaVersion\": 2, \"mediaType\": \"application/vnd.oci.image.manifest.v1+json\", \"config\": 5, \"layers\": []}")]
    [InlineData("{\"schemaVersion\": 2, \"mediaType\": \"application/vnd.oci.image.manifest.v1+json\", \"layers\": []}")]
    [InlineData("{\"schemaVersion\": 2, \"mediaType\": \"application/vnd.oci.image.manifest.v1+json\", \"config\": {\"mediaType\": \"application/vnd.oci.image.config.v1+json\", \"size\": 2}, \"layers\": []}")]
    [InlineData("{\"schemaVersion\": 2, \"mediaType\": \"application/vnd.oci.image.index.v1+json\", \"manifests\": {}}")]
    public async Task Put_MalformedManifest_ReturnsManifestInvalid(string body)
    {
        var repository = NewRepository("invalid");
        var contentType = body.Contains("index", StringComparison.Ordinal) ? MediaTypes.OciIndex : MediaTypes.OciManifest;

        var response = await Registry.PutManifestAsync(repository, "bad", TestContent.Utf8(body), contentType);

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "MANIFEST_INVALID");
        await OciAssert.StatusAsync(HttpStatusCode.NotFound, await Registry.HeadAsync($"/v2/{repository}/manifests/bad"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(0)]
    public async Task Put_WrongSchemaVersion_ReturnsManifestInvalid(int schemaVersion)
    {
        var repository = NewRepository("invalid");
        var config = await Registry.PushBlobAsync(repository, MediaTypes.OciConfig, TestContent.EmptyJson);
        var json = ManifestJson.OciManifest(config, []);
        json["schemaVersion"] = schemaVersion;

        var response = await Registry.PutManifestAsync(repository, "bad", ManifestJson.Serialize(json), MediaTypes.OciManifest);

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "MANIFEST_INVALID");
    }

    [Theory]
    [InlineData(MediaTypes.DockerSchema1Signed)]
    [InlineData("application/vnd.docker.distribution.manifest.v1+json")]
    public async Task Put_DockerSchema1_ReturnsManifestInvalidWithClearMessage(string contentType)
    {
        var repository = NewRepository("schema1");
        var schema1 = $$"""
            {
               "schemaVersion": 1,
               "name": "{{repository}}",
               "tag": "old",
               "architecture": "amd64",
               "fsLayers": [{ "blobSum": "{{TestContent.UnknownDigest()}}" }],
               "history": [{ "v1Compatibility": "{\"id\":\"x\"}" }]
            }
            """;

        var response = await Registry.PutManifestAsync(repository, "old", TestContent.Utf8(schema1), contentType);

        var error = await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "MANIFEST_INVALID");
        var message = error.GetProperty("message").GetString() ?? "";
        Assert.Contains("schema", message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("1", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_ContentTypeDifferentFromMediaTypeField_ReturnsManifestInvalid()
    {
        var repository = NewRepository("invalid");
        var config = await Registry.PushBlobAsync(repository, MediaTypes.OciConfig, TestContent.EmptyJson);
        var manifest = ManifestJson.Serialize(ManifestJson.OciManifest(config, []));

        var response = await Registry.PutManifestAsync(repository, "mismatch", manifest, MediaTypes.DockerManifest);

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "MANIFEST_INVALID");
    }

    [Fact]
    public async Task Put_ManifestWithMissingLayer_ReturnsManifestBlobUnknown()
    {
        var repository = NewRepository("missing");
        var config = await Registry.PushBlobAsync(repository, MediaTypes.OciConfig, TestContent.EmptyJson);
        var missing = Descriptor.Of(MediaTypes.OciLayer, TestContent.Random(10));
        var manifest = ManifestJson.Serialize(ManifestJson.OciManifest(config, [missing]));

        var response = await Registry.PutManifestAsync(repository, "v1", manifest, MediaTypes.OciManifest);

        await OciAssert.ErrorAsync(response, HttpStatusCode.NotFound, "MANIFEST_BLOB_UNKNOWN");
        await OciAssert.StatusAsync(HttpStatusCode.NotFound, await Registry.HeadAsync($"/v2/{repository}/manifests/v1"));
    }

    [Theory]
    [InlineData(MediaTypes.OciManifest)]
    [InlineData(MediaTypes.DockerManifest)]
    public async Task Put_ManifestWithMissingConfig_ReturnsManifestBlobUnknown(string mediaType)
    {
        var repository = NewRepository("missing");
        var layer = await Registry.PushBlobAsync(repository, MediaTypes.OciLayer, TestContent.Random(10));
        var config = Descriptor.Of(mediaType == MediaTypes.OciManifest ? MediaTypes.OciConfig : MediaTypes.DockerConfig, TestContent.Random(10));
        var json = mediaType == MediaTypes.OciManifest ? ManifestJson.OciManifest(config, [layer]) : ManifestJson.DockerManifest(config, [layer]);

        var response = await Registry.PutManifestAsync(repository, "v1", ManifestJson.Serialize(json), mediaType);

        await OciAssert.ErrorAsync(response, HttpStatusCode.NotFound, "MANIFEST_BLOB_UNKNOWN");
    }

    [Fact]
    public async Task Put_ManifestReferencingBlobOfAnotherRepository_ReturnsManifestBlobUnknown()
    {
        var repository = NewRepository("missing");
        var other = NewRepository("missing");
        var config = await Registry.PushBlobAsync(repository, MediaTypes.OciConfig, TestContent.EmptyJson);
        var foreign = await Registry.PushBlobAsync(other, MediaTypes.OciLayer, TestContent.Random(10));

        var response = await Registry.PutManifestAsync(repository, "v1", ManifestJson.Serialize(ManifestJson.OciManifest(config, [foreign])), MediaTypes.OciManifest);

        await OciAssert.ErrorAsync(response, HttpStatusCode.NotFound, "MANIFEST_BLOB_UNKNOWN");
    }

    [Theory]
    [InlineData(MediaTypes.OciIndex)]
    [InlineData(MediaTypes.DockerManifestList)]
    public async Task Put_IndexReferencingUnknownChild_ReturnsManifestBlobUnknown(string mediaType)
    {
        var repository = NewRepository("missing");
        var child = new Descriptor(mediaType == MediaTypes.OciIndex ? MediaTypes.OciManifest : MediaTypes.DockerManifest, TestContent.UnknownDigest(), 500)
        {
            Platform = ManifestJson.Platform("linux", "amd64"),
        };
        var json = mediaType == MediaTypes.OciIndex ? ManifestJson.OciIndex([child]) : ManifestJson.DockerManifestList([child]);

        var response = await Registry.PutManifestAsync(repository, "multi", ManifestJson.Serialize(json), mediaType);

        await OciAssert.ErrorAsync(response, HttpStatusCode.NotFound, "MANIFEST_BLOB_UNKNOWN");
    }

    [Fact]
    public async Task Put_ManifestLargerThan4MiB_ReturnsSizeInvalidWith413()
    {
        var repository = NewRepository("large");
        var manifest = await PaddedManifestAsync(repository, FourMebibytes + 1);

        var response = await Registry.PutManifestAsync(repository, "huge", manifest, MediaTypes.OciManifest);

        await OciAssert.ErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "SIZE_INVALID");
        await OciAssert.StatusAsync(HttpStatusCode.NotFound, await Registry.HeadAsync($"/v2/{repository}/manifests/huge"));
    }

    [Fact]
    public async Task Put_ManifestOfExactly4MiB_IsAccepted()
    {
        var repository = NewRepository("large");
        var manifest = await PaddedManifestAsync(repository, FourMebibytes);

        await Registry.PushManifestAsync(repository, "big", manifest, MediaTypes.OciManifest);
    }

    [Fact]
    public async Task Put_StreamedOversizedManifest_IsRefusedWithoutReadingItAll()
    {
        var repository = NewRepository("large");

        var response = await Registry.SendAsync(HttpMethod.Put, $"/v2/{repository}/manifests/stream", new UnknownLengthContent(new byte[FourMebibytes * 4]), [KeyValuePair.Create("Content-Type", MediaTypes.OciManifest)]);

        await OciAssert.ErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "SIZE_INVALID");
    }

    [Theory]
    [InlineData("sha256")]
    [InlineData("sha512")]
    public async Task PutByDigest_WithMismatchingContent_ReturnsDigestInvalid(string algorithm)
    {
        var repository = NewRepository("digest");
        var config = await Registry.PushBlobAsync(repository, MediaTypes.OciConfig, TestContent.EmptyJson);
        var manifest = ManifestJson.Serialize(ManifestJson.OciManifest(config, []));
        var wrong = TestContent.UnknownDigest(algorithm);

        var response = await Registry.PutManifestAsync(repository, wrong, manifest, MediaTypes.OciManifest);

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "DIGEST_INVALID");
        await OciAssert.StatusAsync(HttpStatusCode.NotFound, await Registry.HeadAsync($"/v2/{repository}/manifests/{wrong}"));
        await OciAssert.StatusAsync(HttpStatusCode.NotFound, await Registry.HeadAsync($"/v2/{repository}/manifests/{TestContent.Sha256(manifest)}"));
    }

    [Theory]
    [InlineData("sha256:xyz")]
    [InlineData("md5:d41d8cd98f00b204e9800998ecf8427e")]
    public async Task AnyMethod_WithMalformedDigestReference_ReturnsDigestInvalid(string reference)
    {
        var repository = NewRepository("digest");
        await Registry.PushImageAsync(repository, "v1");

        await OciAssert.ErrorAsync(await Registry.GetAsync($"/v2/{repository}/manifests/{reference}"), HttpStatusCode.BadRequest, "DIGEST_INVALID");
        await OciAssert.ErrorAsync(await Registry.DeleteAsync($"/v2/{repository}/manifests/{reference}"), HttpStatusCode.BadRequest, "DIGEST_INVALID");
        await OciAssert.ErrorAsync(await Registry.PutManifestAsync(repository, reference, TestContent.Utf8("{}"), MediaTypes.OciManifest), HttpStatusCode.BadRequest, "DIGEST_INVALID");
    }

    [Theory]
    [InlineData("-leading-dash")]
    [InlineData(".leading-dot")]
    [InlineData("has!bang")]
    [InlineData("has%20space")]
    public async Task Put_InvalidTag_IsRefused(string tag)
    {
        var repository = NewRepository("tags");
        var config = await Registry.PushBlobAsync(repository, MediaTypes.OciConfig, TestContent.EmptyJson);
        var manifest = ManifestJson.Serialize(ManifestJson.OciManifest(config, []));

        var response = await Registry.PutManifestAsync(repository, tag, manifest, MediaTypes.OciManifest);

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "TAG_INVALID", "MANIFEST_INVALID");
    }

    [Fact]
    public async Task Put_TagLongerThan128Characters_IsRefused()
    {
        var repository = NewRepository("tags");
        var config = await Registry.PushBlobAsync(repository, MediaTypes.OciConfig, TestContent.EmptyJson);
        var manifest = ManifestJson.Serialize(ManifestJson.OciManifest(config, []));

        var ok = await Registry.PutManifestAsync(repository, new string('a', 128), manifest, MediaTypes.OciManifest);
        var tooLong = await Registry.PutManifestAsync(repository, new string('a', 129), manifest, MediaTypes.OciManifest);

        await OciAssert.StatusAsync(HttpStatusCode.Created, ok);
        await OciAssert.ErrorAsync(tooLong, HttpStatusCode.BadRequest, "TAG_INVALID", "MANIFEST_INVALID");
    }

    private async Task<byte[]> PaddedManifestAsync(string repository, int size)
    {
        var config = await Registry.PushBlobAsync(repository, MediaTypes.OciConfig, TestContent.EmptyJson);
        var json = ManifestJson.OciManifest(config, [], annotations: new Dictionary<string, string> { ["padding"] = "" });
        var padding = size - ManifestJson.Serialize(json).Length;
        ((JsonObject)json["annotations"]!)["padding"] = new string('p', padding);
        var manifest = ManifestJson.Serialize(json);
        Assert.Equal(size, manifest.Length);
        return manifest;
    }
}
