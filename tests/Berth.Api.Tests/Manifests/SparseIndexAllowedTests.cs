using System.Net;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Manifests;

/// <summary>Sparse indexes allowed.</summary>
public abstract class SparseIndexAllowedTests(RegistryFixture fixture) : SparseIndexTests(fixture)
{
    [Fact]
    public async Task PutIndex_WithAChildNeverPushed_IsStoredAndSurvivesGarbageCollectionWithItsPresentChild()
    {
        var (repository, present, absent, index) = await PrepareAsync();

        var digest = await Registry.PushManifestAsync(repository, "multi", index, MediaTypes.OciIndex);
        using var run = await Registry.SendAsync(HttpMethod.Post, "/api/v1/admin/gc/runs", new StringContent("{\"dryRun\":false}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);

        using var byTag = await Registry.GetAsync($"/v2/{repository}/manifests/multi", ("Accept", MediaTypes.OciIndex));
        await OciAssert.StatusAsync(HttpStatusCode.OK, byTag);
        Assert.Equal(digest, OciAssert.Header(byTag, "Docker-Content-Digest"));
        using var child = await Registry.GetAsync($"/v2/{repository}/manifests/{present.Digest}", ("Accept", present.MediaType));
        await OciAssert.StatusAsync(HttpStatusCode.OK, child);
        foreach (var layer in present.Layers)
        {
            using var blob = await Registry.HeadAsync($"/v2/{repository}/blobs/{layer.Digest}");
            Assert.Equal(HttpStatusCode.OK, blob.StatusCode);
        }

        using var missing = await Registry.GetAsync($"/v2/{repository}/manifests/{absent.Digest}", ("Accept", MediaTypes.OciManifest));
        await OciAssert.ErrorAsync(missing, HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
    }

    [Fact]
    public async Task PutManifest_WithAMissingLayer_IsStillRefused()
    {
        var repository = NewRepository("sparse");
        var config = await Registry.PushBlobAsync(repository, MediaTypes.OciConfig, TestContent.EmptyJson);
        var manifest = ManifestJson.Serialize(ManifestJson.OciManifest(config, [new Descriptor(MediaTypes.OciLayer, TestContent.UnknownDigest(), 10)]));

        using var put = await Registry.PutManifestAsync(repository, "latest", manifest, MediaTypes.OciManifest);

        await OciAssert.ErrorAsync(put, HttpStatusCode.NotFound, "MANIFEST_BLOB_UNKNOWN");
    }
}
