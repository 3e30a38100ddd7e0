using System.Net;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Manifests;

/// <summary>PUT, GET, HEAD and DELETE of /v2/&lt;name&gt;/manifests/&lt;reference&gt; for every supported manifest type (end-3, end-7, end-9).</summary>
public abstract class ManifestTests(RegistryFixture fixture) : RegistryTestBase(fixture)
{
    [Theory]
    [InlineData(MediaTypes.OciManifest)]
    [InlineData(MediaTypes.DockerManifest)]
    public async Task PutByTag_ImageManifest_IsServedByteExactByTagAndDigest(string mediaType)
    {
        var repository = NewRepository("manifests");

        var image = await Registry.PushImageAsync(repository, "v1", mediaType: mediaType);

        await AssertServedAsync(repository, "v1", image.Manifest, mediaType);
        await AssertServedAsync(repository, image.Digest, image.Manifest, mediaType);
    }

    [Fact]
    public async Task Put_ReturnsLocationOfPullableManifestAndDigest()
    {
        var repository = NewRepository("manifests");
        var config = await Registry.PushBlobAsync(repository, MediaTypes.OciConfig, TestContent.EmptyJson);
        var manifest = ManifestJson.Serialize(ManifestJson.OciManifest(config, []));

        var response = await Registry.PutManifestAsync(repository, "tagged", manifest, MediaTypes.OciManifest);

        await OciAssert.StatusAsync(HttpStatusCode.Created, response);
        Assert.Equal(TestContent.Sha256(manifest), OciAssert.Header(response, "Docker-Content-Digest"));
        var location = response.Headers.Location?.OriginalString;
        Assert.NotNull(location);
        var pulled = await Registry.GetAsync(location, ("Accept", MediaTypes.OciManifest));
        await OciAssert.StatusAsync(HttpStatusCode.OK, pulled);
        Assert.Equal(manifest, await pulled.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData(MediaTypes.OciIndex, MediaTypes.OciManifest)]
    [InlineData(MediaTypes.DockerManifestList, MediaTypes.DockerManifest)]
    public async Task Put_IndexOfPushedManifests_IsAcceptedAndServed(string indexType, string childType)
    {
        var repository = NewRepository("manifests");
        var amd64 = await Registry.PushImageAsync(repository, tag: null, mediaType: childType);
        var arm64 = await Registry.PushImageAsync(repository, tag: null, mediaType: childType);
        var children = new[]
        {
            amd64.Descriptor with { Platform = ManifestJson.Platform("linux", "amd64") },
            arm64.Descriptor with { Platform = ManifestJson.Platform("linux", "arm64") },
        };
        var json = indexType == MediaTypes.OciIndex ? ManifestJson.OciIndex(children) : ManifestJson.DockerManifestList(children);
        var index = ManifestJson.Serialize(json);

        var digest = await Registry.PushManifestAsync(repository, "multi", index, indexType);

        await AssertServedAsync(repository, "multi", index, indexType);
        await AssertServedAsync(repository, digest, index, indexType);
    }

    [Fact]
    public async Task Put_IndexOfIndex_IsAccepted()
    {
        var repository = NewRepository("manifests");
        var image = await Registry.PushImageAsync(repository, tag: null);
        var inner = ManifestJson.Serialize(ManifestJson.OciIndex([image.Descriptor]));
        var innerDigest = await Registry.PushManifestAsync(repository, TestContent.Sha256(inner), inner, MediaTypes.OciIndex);

        var outer = ManifestJson.Serialize(ManifestJson.OciIndex([new Descriptor(MediaTypes.OciIndex, innerDigest, inner.Length)]));

        await Registry.PushManifestAsync(repository, "nested", outer, MediaTypes.OciIndex);
    }

    [Fact]
    public async Task Put_ArtifactWithArtifactTypeAndEmptyConfig_IsAccepted()
    {
        var repository = NewRepository("artifacts");
        var config = await Registry.PushBlobAsync(repository, MediaTypes.OciEmpty, TestContent.EmptyJson);
        Assert.Equal(TestContent.EmptyJsonDigest, config.Digest);
        var layer = await Registry.PushBlobAsync(repository, "application/vnd.example.sbom.v1+json", TestContent.Utf8("{\"sbom\":true}"));
        var manifest = ManifestJson.Serialize(ManifestJson.OciManifest(config, [layer], artifactType: "application/vnd.example.sbom.v1"));

        await Registry.PushManifestAsync(repository, "sbom", manifest, MediaTypes.OciManifest);

        await AssertServedAsync(repository, "sbom", manifest, MediaTypes.OciManifest);
    }

    [Fact]
    public async Task Put_HelmChartWithCustomConfigMediaType_IsAccepted()
    {
        var repository = NewRepository("charts");
        var config = await Registry.PushBlobAsync(repository, MediaTypes.HelmConfig, TestContent.Utf8("{\"name\":\"demo\",\"version\":\"0.1.0\",\"apiVersion\":\"v2\"}"));
        var chart = await Registry.PushBlobAsync(repository, MediaTypes.HelmChart, TestContent.Random(900));
        var manifest = ManifestJson.Serialize(ManifestJson.OciManifest(config, [chart]));

        await Registry.PushManifestAsync(repository, "0.1.0", manifest, MediaTypes.OciManifest);

        await AssertServedAsync(repository, "0.1.0", manifest, MediaTypes.OciManifest);
    }

    [Theory]
    [InlineData(MediaTypes.OciManifest)]
    [InlineData(MediaTypes.OciIndex)]
    public async Task Put_WithSubject_ReturnsOciSubjectHeader(string mediaType)
    {
        var repository = NewRepository("subjects");
        var subject = await Registry.PushImageAsync(repository, "base");
        var config = await Registry.PushBlobAsync(repository, MediaTypes.OciEmpty, TestContent.EmptyJson);
        var json = mediaType == MediaTypes.OciManifest
            ? ManifestJson.OciManifest(config, [config], artifactType: "application/vnd.example.signature", subject: subject.Descriptor)
            : ManifestJson.OciIndex([subject.Descriptor], artifactType: "application/vnd.example.bundle", subject: subject.Descriptor);
        var manifest = ManifestJson.Serialize(json);

        var response = await Registry.PutManifestAsync(repository, TestContent.Sha256(manifest), manifest, mediaType);

        await OciAssert.StatusAsync(HttpStatusCode.Created, response);
        Assert.Equal(subject.Digest, OciAssert.Header(response, "OCI-Subject"));
    }

    [Fact]
    public async Task Put_WithoutSubject_HasNoOciSubjectHeader()
    {
        var repository = NewRepository("subjects");
        var config = await Registry.PushBlobAsync(repository, MediaTypes.OciConfig, TestContent.EmptyJson);
        var response = await Registry.PutManifestAsync(repository, "plain", ManifestJson.Serialize(ManifestJson.OciManifest(config, [])), MediaTypes.OciManifest);

        await OciAssert.StatusAsync(HttpStatusCode.Created, response);
        Assert.Null(OciAssert.Header(response, "OCI-Subject"));
    }

    [Fact]
    public async Task Put_Sha512ManifestWithSha512Blobs_IsServedBySha512Digest()
    {
        var repository = NewRepository("sha512");
        var config = await Registry.PushBlobAsync(repository, MediaTypes.OciConfig, TestContent.Utf8("{\"os\":\"linux\"}"), "sha512");
        var layer = await Registry.PushBlobAsync(repository, MediaTypes.OciLayer, TestContent.Random(333), "sha512");
        var manifest = ManifestJson.Serialize(ManifestJson.OciManifest(config, [layer]));
        var digest = TestContent.Sha512(manifest);

        var pushed = await Registry.PushManifestAsync(repository, digest, manifest, MediaTypes.OciManifest, "sha512");

        Assert.Equal(digest, pushed);
        await AssertServedAsync(repository, digest, manifest, MediaTypes.OciManifest);
    }

    [Fact]
    public async Task Put_ManifestWithNondistributableLayersNotPushed_IsAccepted()
    {
        var repository = NewRepository("foreign");
        var config = await Registry.PushBlobAsync(repository, MediaTypes.OciConfig, TestContent.EmptyJson);
        var foreign = Descriptor.Of(MediaTypes.OciNondistributableLayer, TestContent.Random(50)) with { Urls = ["https://example.invalid/layer.tar.gz"] };
        var oci = ManifestJson.Serialize(ManifestJson.OciManifest(config, [foreign]));
        var dockerConfig = await Registry.PushBlobAsync(repository, MediaTypes.DockerConfig, TestContent.Utf8("{\"os\":\"windows\"}"));
        var dockerForeign = Descriptor.Of(MediaTypes.DockerForeignLayer, TestContent.Random(60)) with { Urls = ["https://example.invalid/windows.tar.gz"] };
        var docker = ManifestJson.Serialize(ManifestJson.DockerManifest(dockerConfig, [dockerForeign]));

        await Registry.PushManifestAsync(repository, "oci", oci, MediaTypes.OciManifest);
        await Registry.PushManifestAsync(repository, "docker", docker, MediaTypes.DockerManifest);
    }

    [Fact]
    public async Task Put_OciManifestWithoutMediaTypeField_IsServedWithRequestContentType()
    {
        var repository = NewRepository("manifests");
        var config = await Registry.PushBlobAsync(repository, MediaTypes.OciConfig, TestContent.EmptyJson);
        var json = ManifestJson.OciManifest(config, []);
        json.Remove("mediaType");
        var manifest = ManifestJson.Serialize(json);

        await Registry.PushManifestAsync(repository, "bare", manifest, MediaTypes.OciManifest);

        await AssertServedAsync(repository, "bare", manifest, MediaTypes.OciManifest);
    }

    [Fact]
    public async Task Get_WithAcceptLists_ServesStoredTypeWhenAccepted()
    {
        var repository = NewRepository("accept");
        var image = await Registry.PushImageAsync(repository, "v1", mediaType: MediaTypes.DockerManifest);

        foreach (var accept in new[] { "*/*", $"{MediaTypes.OciManifest}, {MediaTypes.DockerManifest}", $"{MediaTypes.OciIndex};q=0.9, {MediaTypes.DockerManifest};q=0.5, {MediaTypes.DockerManifestList}" })
        {
            var response = await Registry.GetAsync($"/v2/{repository}/manifests/v1", ("Accept", accept));
            await OciAssert.StatusAsync(HttpStatusCode.OK, response);
            Assert.Equal(MediaTypes.DockerManifest, response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(image.Manifest, await response.Content.ReadAsByteArrayAsync());
        }

        var noAccept = await Registry.GetAsync($"/v2/{repository}/manifests/v1");
        await OciAssert.StatusAsync(HttpStatusCode.OK, noAccept);
        Assert.Equal(MediaTypes.DockerManifest, noAccept.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Put_SameTagTwice_OverwritesTagAndKeepsOldDigest()
    {
        var repository = NewRepository("overwrite");
        var first = await Registry.PushImageAsync(repository, "latest");
        var second = await Registry.PushImageAsync(repository, "latest");

        var byTag = await Registry.GetAsync($"/v2/{repository}/manifests/latest", ("Accept", MediaTypes.OciManifest));

        Assert.Equal(second.Manifest, await byTag.Content.ReadAsByteArrayAsync());
        Assert.Equal(second.Digest, OciAssert.Header(byTag, "Docker-Content-Digest"));
        await AssertServedAsync(repository, first.Digest, first.Manifest, MediaTypes.OciManifest);
    }

    [Fact]
    public async Task Get_UnknownManifest_ReturnsManifestUnknown()
    {
        var repository = NewRepository("manifests");
        await Registry.PushImageAsync(repository, "exists");

        await OciAssert.ErrorAsync(await Registry.GetAsync($"/v2/{repository}/manifests/missing"), HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
        await OciAssert.ErrorAsync(await Registry.GetAsync($"/v2/{repository}/manifests/{TestContent.UnknownDigest()}"), HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
        await OciAssert.StatusAsync(HttpStatusCode.NotFound, await Registry.HeadAsync($"/v2/{repository}/manifests/missing"));
        await OciAssert.ErrorAsync(await Registry.GetAsync($"/v2/{NewRepository("ghost")}/manifests/latest"), HttpStatusCode.NotFound, "MANIFEST_UNKNOWN", "NAME_UNKNOWN");
    }

    [Fact]
    public async Task Get_ManifestDigestAsBlob_IsServedOnlyThroughManifests()
    {
        var repository = NewRepository("manifests");
        var image = await Registry.PushImageAsync(repository, "v1");

        var asManifest = await Registry.GetAsync($"/v2/{repository}/manifests/{image.Config.Digest}");

        await OciAssert.ErrorAsync(asManifest, HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
    }

    [Fact]
    public async Task Delete_ByTag_RemovesOnlyTheTag()
    {
        var repository = NewRepository("delete");
        var image = await Registry.PushImageAsync(repository, "gone");

        var delete = await Registry.DeleteAsync($"/v2/{repository}/manifests/gone");

        await OciAssert.StatusAsync(HttpStatusCode.Accepted, delete);
        await OciAssert.ErrorAsync(await Registry.GetAsync($"/v2/{repository}/manifests/gone"), HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
        await AssertServedAsync(repository, image.Digest, image.Manifest, MediaTypes.OciManifest);
        await OciAssert.ErrorAsync(await Registry.DeleteAsync($"/v2/{repository}/manifests/gone"), HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
    }

    [Fact]
    public async Task Delete_ByDigest_RemovesManifestAndTagsPointingAtIt()
    {
        var repository = NewRepository("delete");
        var image = await Registry.PushImageAsync(repository, "one");
        await Registry.PushManifestAsync(repository, "two", image.Manifest, MediaTypes.OciManifest);

        var delete = await Registry.DeleteAsync($"/v2/{repository}/manifests/{image.Digest}");

        await OciAssert.StatusAsync(HttpStatusCode.Accepted, delete);
        await OciAssert.ErrorAsync(await Registry.GetAsync($"/v2/{repository}/manifests/{image.Digest}"), HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
        await OciAssert.StatusAsync(HttpStatusCode.NotFound, await Registry.HeadAsync($"/v2/{repository}/manifests/{image.Digest}"));
        await OciAssert.ErrorAsync(await Registry.GetAsync($"/v2/{repository}/manifests/one"), HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
        await OciAssert.ErrorAsync(await Registry.GetAsync($"/v2/{repository}/manifests/two"), HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
        await OciAssert.ErrorAsync(await Registry.DeleteAsync($"/v2/{repository}/manifests/{image.Digest}"), HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
    }

    [Fact]
    public async Task Delete_ByDigestInOneRepository_LeavesSameManifestInAnother()
    {
        var first = NewRepository("delete");
        var image = await Registry.PushImageAsync(first, "v1");
        var second = NewRepository("delete");
        await Registry.PushBlobAsync(second, TestContent.Utf8("unused"));
        foreach (var blob in image.Layers.Append(image.Config))
        {
            await OciAssert.StatusAsync(HttpStatusCode.Created, await Registry.PostUploadAsync(second, $"?mount={Uri.EscapeDataString(blob.Digest)}&from={Uri.EscapeDataString(first)}"));
        }

        await Registry.PushManifestAsync(second, "v1", image.Manifest, MediaTypes.OciManifest);

        await OciAssert.StatusAsync(HttpStatusCode.Accepted, await Registry.DeleteAsync($"/v2/{first}/manifests/{image.Digest}"));
        await AssertServedAsync(second, image.Digest, image.Manifest, MediaTypes.OciManifest);
    }

    [Fact]
    public async Task Delete_UnknownManifest_Returns404()
    {
        var repository = NewRepository("delete");
        await Registry.PushImageAsync(repository, "v1");

        await OciAssert.ErrorAsync(await Registry.DeleteAsync($"/v2/{repository}/manifests/{TestContent.UnknownDigest()}"), HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
        await OciAssert.ErrorAsync(await Registry.DeleteAsync($"/v2/{NewRepository("ghost")}/manifests/{TestContent.UnknownDigest()}"), HttpStatusCode.NotFound, "MANIFEST_UNKNOWN", "NAME_UNKNOWN");
    }

    private async Task AssertServedAsync(string repository, string reference, byte[] manifest, string mediaType)
    {
        var digest = TestContent.Digest(manifest, reference.StartsWith("sha512:", StringComparison.Ordinal) ? "sha512" : "sha256");
        var accept = string.Join(", ", MediaTypes.OciManifest, MediaTypes.OciIndex, MediaTypes.DockerManifest, MediaTypes.DockerManifestList);

        var get = await Registry.GetAsync($"/v2/{repository}/manifests/{reference}", ("Accept", accept));
        await OciAssert.StatusAsync(HttpStatusCode.OK, get);
        Assert.Equal(manifest, await get.Content.ReadAsByteArrayAsync());
        Assert.Equal(mediaType, get.Content.Headers.ContentType?.MediaType);
        Assert.Equal(manifest.Length, get.Content.Headers.ContentLength);
        Assert.Equal(digest, OciAssert.Header(get, "Docker-Content-Digest"));

        var head = await Registry.HeadAsync($"/v2/{repository}/manifests/{reference}", ("Accept", accept));
        await OciAssert.StatusAsync(HttpStatusCode.OK, head);
        Assert.Equal(mediaType, head.Content.Headers.ContentType?.MediaType);
        Assert.Equal(manifest.Length, head.Content.Headers.ContentLength);
        Assert.Equal(digest, OciAssert.Header(head, "Docker-Content-Digest"));
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }
}
