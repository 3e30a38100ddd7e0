using System.Net;
using System.Text.Json;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Discovery;

/// <summary>GET /v2/&lt;name&gt;/referrers/&lt;digest&gt; with artifactType filtering (end-12a, end-12b).</summary>
public abstract class ReferrerTests(RegistryFixture fixture) : RegistryTestBase(fixture)
{
    private const string SbomType = "application/vnd.example.sbom.v1";
    private const string SignatureType = "application/vnd.example.signature.v1";

    [Fact]
    public async Task Referrers_ListsManifestsAndIndexesWhoseSubjectIsTheDigest()
    {
        var repository = NewRepository("referrers");
        var subject = await Registry.PushImageAsync(repository, "app");
        var sbom = await PushArtifactAsync(repository, subject.Descriptor, SbomType, "sbom");
        var configTyped = await PushConfigTypedAsync(repository, subject.Descriptor);
        var index = await PushIndexReferrerAsync(repository, subject);
        await Registry.PushImageAsync(repository, "unrelated");

        var response = await Registry.GetAsync($"/v2/{repository}/referrers/{subject.Digest}");

        await OciAssert.StatusAsync(HttpStatusCode.OK, response);
        Assert.Equal(MediaTypes.OciIndex, response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(2, document.RootElement.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(MediaTypes.OciIndex, document.RootElement.GetProperty("mediaType").GetString());
        var manifests = document.RootElement.GetProperty("manifests").EnumerateArray().ToDictionary(m => m.GetProperty("digest").GetString()!);
        Assert.Equal(3, manifests.Count);

        var sbomEntry = manifests[sbom.Digest];
        Assert.Equal(MediaTypes.OciManifest, sbomEntry.GetProperty("mediaType").GetString());
        Assert.Equal(sbom.Size, sbomEntry.GetProperty("size").GetInt64());
        Assert.Equal(SbomType, sbomEntry.GetProperty("artifactType").GetString());
        Assert.Equal("sbom", sbomEntry.GetProperty("annotations").GetProperty("org.example.kind").GetString());

        Assert.Equal(MediaTypes.HelmConfig, manifests[configTyped.Digest].GetProperty("artifactType").GetString());

        var indexEntry = manifests[index.Digest];
        Assert.Equal(MediaTypes.OciIndex, indexEntry.GetProperty("mediaType").GetString());
        Assert.False(indexEntry.TryGetProperty("artifactType", out _), "An index without artifactType has none in its referrer descriptor.");
        Assert.Equal("bundle", indexEntry.GetProperty("annotations").GetProperty("org.example.kind").GetString());
    }

    [Fact]
    public async Task Referrers_WithArtifactTypeFilter_ReturnsOnlyThatTypeAndSaysSo()
    {
        var repository = NewRepository("referrers");
        var subject = await Registry.PushImageAsync(repository, "app");
        var sbom = await PushArtifactAsync(repository, subject.Descriptor, SbomType, "sbom");
        await PushArtifactAsync(repository, subject.Descriptor, SignatureType, "signature");

        var response = await Registry.GetAsync($"/v2/{repository}/referrers/{subject.Digest}?artifactType={Uri.EscapeDataString(SbomType)}");

        await OciAssert.StatusAsync(HttpStatusCode.OK, response);
        Assert.Equal("artifactType", OciAssert.Header(response, "OCI-Filters-Applied"));
        var digests = await DigestsAsync(response);
        Assert.Equal([sbom.Digest], digests);
    }

    [Fact]
    public async Task Referrers_WithoutFilter_HasNoFiltersAppliedHeader()
    {
        var repository = NewRepository("referrers");
        var subject = await Registry.PushImageAsync(repository, "app");
        await PushArtifactAsync(repository, subject.Descriptor, SbomType, "sbom");

        var response = await Registry.GetAsync($"/v2/{repository}/referrers/{subject.Digest}");

        Assert.Null(OciAssert.Header(response, "OCI-Filters-Applied"));
        Assert.Single(await DigestsAsync(response));
    }

    [Fact]
    public async Task Referrers_OfUnknownSubject_ReturnEmptyIndex()
    {
        var repository = NewRepository("referrers");
        await Registry.PushImageAsync(repository, "app");

        var response = await Registry.GetAsync($"/v2/{repository}/referrers/{TestContent.UnknownDigest()}");

        await OciAssert.StatusAsync(HttpStatusCode.OK, response);
        Assert.Equal(MediaTypes.OciIndex, response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Array, document.RootElement.GetProperty("manifests").ValueKind);
        Assert.Equal(0, document.RootElement.GetProperty("manifests").GetArrayLength());
    }

    [Fact]
    public async Task Referrers_ToDanglingSubject_AreAcceptedAndListed()
    {
        var repository = NewRepository("referrers");
        var missing = new Descriptor(MediaTypes.OciManifest, TestContent.UnknownDigest(), 1234);

        var referrer = await PushArtifactAsync(repository, missing, SbomType, "dangling");

        Assert.Equal([referrer.Digest], await DigestsAsync(await Registry.GetAsync($"/v2/{repository}/referrers/{missing.Digest}")));
    }

    [Fact]
    public async Task Referrers_AfterReferrerDeletion_NoLongerListIt()
    {
        var repository = NewRepository("referrers");
        var subject = await Registry.PushImageAsync(repository, "app");
        var gone = await PushArtifactAsync(repository, subject.Descriptor, SbomType, "gone");
        var kept = await PushArtifactAsync(repository, subject.Descriptor, SignatureType, "kept");

        await OciAssert.StatusAsync(HttpStatusCode.Accepted, await Registry.DeleteAsync($"/v2/{repository}/manifests/{gone.Digest}"));

        Assert.Equal([kept.Digest], await DigestsAsync(await Registry.GetAsync($"/v2/{repository}/referrers/{subject.Digest}")));
    }

    [Fact]
    public async Task Referrers_AreScopedToTheRepository()
    {
        var repository = NewRepository("referrers");
        var other = NewRepository("referrers");
        var subject = await Registry.PushImageAsync(repository, "app");
        await PushArtifactAsync(repository, subject.Descriptor, SbomType, "sbom");
        await Registry.PushImageAsync(other, "app");

        Assert.Empty(await DigestsAsync(await Registry.GetAsync($"/v2/{other}/referrers/{subject.Digest}")));
    }

    [Fact]
    public async Task Referrers_OfSha512Subject_AreListed()
    {
        var repository = NewRepository("referrers");
        var config = await Registry.PushBlobAsync(repository, MediaTypes.OciConfig, TestContent.Utf8("{\"os\":\"linux\"}"), "sha512");
        var manifest = ManifestJson.Serialize(ManifestJson.OciManifest(config, []));
        var subjectDigest = await Registry.PushManifestAsync(repository, TestContent.Sha512(manifest), manifest, MediaTypes.OciManifest, "sha512");

        var referrer = await PushArtifactAsync(repository, new Descriptor(MediaTypes.OciManifest, subjectDigest, manifest.Length), SbomType, "sbom");

        Assert.Equal([referrer.Digest], await DigestsAsync(await Registry.GetAsync($"/v2/{repository}/referrers/{subjectDigest}")));
    }

    [Theory]
    [InlineData("sha256:xyz")]
    [InlineData("foo")]
    [InlineData("md5:d41d8cd98f00b204e9800998ecf8427e")]
    public async Task Referrers_WithMalformedDigest_Return400(string digest)
    {
        var repository = NewRepository("referrers");
        await Registry.PushImageAsync(repository, "app");

        var response = await Registry.GetAsync($"/v2/{repository}/referrers/{digest}");

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "DIGEST_INVALID");
    }

    [Fact]
    public async Task Referrers_WithInvalidRepositoryName_ReturnNameInvalid()
    {
        var response = await Registry.GetAsync($"/v2/Bad/referrers/{TestContent.UnknownDigest()}");

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "NAME_INVALID");
    }

    private async Task<Descriptor> PushArtifactAsync(string repository, Descriptor subject, string artifactType, string kind)
    {
        var config = await Registry.PushBlobAsync(repository, MediaTypes.OciEmpty, TestContent.EmptyJson);
        var layer = await Registry.PushBlobAsync(repository, "application/octet-stream", TestContent.Random(40));
        var manifest = ManifestJson.Serialize(ManifestJson.OciManifest(config, [layer], artifactType, subject, new Dictionary<string, string> { ["org.example.kind"] = kind }));
        var response = await Registry.PutManifestAsync(repository, TestContent.Sha256(manifest), manifest, MediaTypes.OciManifest);
        await OciAssert.StatusAsync(HttpStatusCode.Created, response);
        Assert.Equal(subject.Digest, OciAssert.Header(response, "OCI-Subject"));
        return Descriptor.Of(MediaTypes.OciManifest, manifest);
    }

    private async Task<Descriptor> PushConfigTypedAsync(string repository, Descriptor subject)
    {
        var config = await Registry.PushBlobAsync(repository, MediaTypes.HelmConfig, TestContent.Utf8("{\"name\":\"chart\"}"));
        var manifest = ManifestJson.Serialize(ManifestJson.OciManifest(config, [], subject: subject));
        await Registry.PushManifestAsync(repository, TestContent.Sha256(manifest), manifest, MediaTypes.OciManifest);
        return Descriptor.Of(MediaTypes.OciManifest, manifest);
    }

    private async Task<Descriptor> PushIndexReferrerAsync(string repository, PushedImage subject)
    {
        var index = ManifestJson.Serialize(ManifestJson.OciIndex([subject.Descriptor], subject: subject.Descriptor, annotations: new Dictionary<string, string> { ["org.example.kind"] = "bundle" }));
        await Registry.PushManifestAsync(repository, TestContent.Sha256(index), index, MediaTypes.OciIndex);
        return Descriptor.Of(MediaTypes.OciIndex, index);
    }

    private static async Task<string[]> DigestsAsync(HttpResponseMessage response)
    {
        await OciAssert.StatusAsync(HttpStatusCode.OK, response);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. document.RootElement.GetProperty("manifests").EnumerateArray().Select(m => m.GetProperty("digest").GetString()!)];
    }
}
