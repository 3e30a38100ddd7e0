using System.Net;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Manifests;

/// <summary>
/// A push by digest with ?tag= parameters (distribution-spec v1.1+): every tag is applied, each answered in an
/// OCI-Tag header; a bad tag refuses the whole push before anything is stored.
/// </summary>
public abstract class TagQueryTests(RegistryFixture fixture) : RegistryTestBase(fixture)
{
    [Theory]
    [InlineData("sha256")]
    [InlineData("sha512")]
    public async Task PutByDigest_WithTagParameters_TagsTheManifestAndAnswersOciTag(string algorithm)
    {
        var repository = NewRepository("tagquery");
        var image = await Registry.PushImageAsync(repository, tag: null);
        var digest = TestContent.Digest(image.Manifest, algorithm);

        using var put = await Registry.PutManifestAsync(repository, $"{digest}?tag=v1&tag=stable", image.Manifest, image.MediaType);

        await OciAssert.StatusAsync(HttpStatusCode.Created, put);
        Assert.Equal(digest, OciAssert.Header(put, "Docker-Content-Digest"));
        Assert.Equal(["v1", "stable"], put.Headers.GetValues("OCI-Tag").SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries)));
        foreach (var tag in new[] { "v1", "stable" })
        {
            using var get = await Registry.GetAsync($"/v2/{repository}/manifests/{tag}", ("Accept", image.MediaType));
            await OciAssert.StatusAsync(HttpStatusCode.OK, get);
            Assert.Equal(image.Manifest, await get.Content.ReadAsByteArrayAsync());
            Assert.Equal(digest, OciAssert.Header(get, "Docker-Content-Digest"));
        }
    }

    [Fact]
    public async Task PutByDigest_WithoutTagParameters_AnswersNoOciTag()
    {
        var repository = NewRepository("tagquery");
        var image = await Registry.PushImageAsync(repository, tag: null);

        using var put = await Registry.PutManifestAsync(repository, image.Digest, image.Manifest, image.MediaType);

        await OciAssert.StatusAsync(HttpStatusCode.Created, put);
        Assert.False(put.Headers.Contains("OCI-Tag"));
    }

    [Theory]
    [InlineData("?tag=good&tag=bad%0A")]
    [InlineData("?tag=good&tag=-bad")]
    [InlineData("?tag=")]
    public async Task PutByDigest_WithAnInvalidTagParameter_ReturnsTagInvalidAndTagsNothing(string query)
    {
        var repository = NewRepository("tagquery");
        var image = await Registry.PushImageAsync(repository, tag: null);
        var digest = TestContent.Sha512(image.Manifest);

        using var put = await Registry.PutManifestAsync(repository, digest + query, image.Manifest, image.MediaType);

        await OciAssert.ErrorAsync(put, HttpStatusCode.BadRequest, "TAG_INVALID");
        using var good = await Registry.GetAsync($"/v2/{repository}/manifests/good", ("Accept", image.MediaType));
        await OciAssert.ErrorAsync(good, HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
        using var byDigest = await Registry.GetAsync($"/v2/{repository}/manifests/{digest}", ("Accept", image.MediaType));
        await OciAssert.ErrorAsync(byDigest, HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
    }

    [Fact]
    public async Task PutByTag_WithTagParameters_ReturnsTagInvalid()
    {
        var repository = NewRepository("tagquery");
        var image = await Registry.PushImageAsync(repository, tag: null);

        using var put = await Registry.PutManifestAsync(repository, "v1?tag=v2", image.Manifest, image.MediaType);

        await OciAssert.ErrorAsync(put, HttpStatusCode.BadRequest, "TAG_INVALID");
    }
}
