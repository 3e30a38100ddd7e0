using System.IO.Pipelines;
using System.Text;
using Berth.Registry.Content;
using Berth.Registry.Names;

namespace Berth.Registry.Tests;

public sealed class ManifestStoreTests : IDisposable
{
    private static readonly RepositoryName Name = RepositoryName.Parse("team/app");
    private readonly StoreFixture _store = new();

    [Fact]
    public async Task PutByTag_ThenGetByTagAndDigest_ReturnsTheExactBytes()
    {
        var manifest = await ImageManifestAsync(extraLayer: null);
        var result = await _store.Manifests.PutAsync(Name, Reference.Parse("v1"), manifest, MediaTypes.OciManifest, default);

        foreach (var reference in new[] { "v1", result.Digest.ToString() })
        {
            var stored = await _store.Manifests.GetAsync(Name, Reference.Parse(reference), default);
            Assert.Equal(manifest, stored.Content);
            Assert.Equal(MediaTypes.OciManifest, stored.MediaType);
        }

        Assert.Equal(["v1"], await _store.Tags.ListAsync(Name, default));
    }

    [Fact]
    public async Task NonDistributableLayer_IsAcceptedWithoutBeingPushed()
    {
        var foreign = $$$"""{"mediaType":"{{{MediaTypes.DockerForeignLayer}}}","digest":"{{{Digest.Compute(DigestAlgorithm.Sha256, [9])}}}","size":1,"urls":["https://example.com/layer"]}""";
        var manifest = await ImageManifestAsync(foreign);
        var result = await _store.Manifests.PutAsync(Name, Reference.Parse("win"), manifest, MediaTypes.OciManifest, default);
        Assert.Equal(Digest.Compute(DigestAlgorithm.Sha256, manifest), result.Digest);
    }

    [Fact]
    public async Task IndexWithUnknownChild_IsManifestBlobUnknown()
    {
        var index = Encoding.UTF8.GetBytes($$$"""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{{Digest.Compute(DigestAlgorithm.Sha256, [1])}}}","size":1}]}""");
        var error = await Assert.ThrowsAsync<RegistryException>(() => _store.Manifests.PutAsync(Name, Reference.Parse("multi"), index, MediaTypes.OciIndex, default));
        Assert.Equal(RegistryErrorCode.ManifestBlobUnknown, error.Code);
        Assert.DoesNotContain(_store.Files(), f => f.Contains("_manifests", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PutByWrongDigest_IsDigestInvalid()
    {
        var manifest = await ImageManifestAsync(extraLayer: null);
        var wrong = Digest.Compute(DigestAlgorithm.Sha256, [1]);
        var error = await Assert.ThrowsAsync<RegistryException>(() => _store.Manifests.PutAsync(Name, Reference.Parse(wrong.ToString()), manifest, null, default));
        Assert.Equal(RegistryErrorCode.DigestInvalid, error.Code);
    }

    [Fact]
    public async Task DeleteByDigest_RemovesRevisionTagsAndReferrerEntry()
    {
        var subject = await _store.Manifests.PutAsync(Name, Reference.Parse("base"), await ImageManifestAsync(null), null, default);
        var emptyConfig = await PushBlobAsync("{}");
        var referrer = Encoding.UTF8.GetBytes($$$"""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","artifactType":"application/x-sig","config":{"mediaType":"application/vnd.oci.empty.v1+json","digest":"{{{emptyConfig}}}","size":2},"layers":[],"subject":{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{{subject.Digest}}}","size":1},"annotations":{"k":"v"}}""");
        var put = await _store.Manifests.PutAsync(Name, Reference.Parse("sig"), referrer, MediaTypes.OciManifest, default);
        Assert.Equal(subject.Digest, put.Subject);

        var listed = Assert.Single(await _store.Referrers.ListAsync(Name, subject.Digest, null, default));
        Assert.Equal(put.Digest, listed.Digest);
        Assert.Equal("application/x-sig", listed.ArtifactType);
        Assert.Equal("v", listed.Annotations!["k"]);
        Assert.Empty(await _store.Referrers.ListAsync(Name, subject.Digest, "application/other", default));

        await _store.Manifests.DeleteAsync(Name, Reference.Parse(put.Digest.ToString()), default);

        Assert.Empty(await _store.Referrers.ListAsync(Name, subject.Digest, null, default));
        Assert.Equal(["base"], await _store.Tags.ListAsync(Name, default));
        var error = await Assert.ThrowsAsync<RegistryException>(() => _store.Manifests.GetAsync(Name, Reference.Parse("sig"), default));
        Assert.Equal(RegistryErrorCode.ManifestUnknown, error.Code);
    }

    [Fact]
    public async Task DeleteByTag_KeepsTheManifest()
    {
        var put = await _store.Manifests.PutAsync(Name, Reference.Parse("v1"), await ImageManifestAsync(null), null, default);
        await _store.Manifests.DeleteAsync(Name, Reference.Parse("v1"), default);

        Assert.Empty(await _store.Tags.ListAsync(Name, default));
        Assert.Equal(put.Digest, (await _store.Manifests.GetAsync(Name, Reference.Parse(put.Digest.ToString()), default)).Digest);
    }

    [Fact]
    public async Task TagsOfUnknownRepository_IsNameUnknown()
    {
        var error = await Assert.ThrowsAsync<RegistryException>(() => _store.Tags.ListAsync(RepositoryName.Parse("nobody"), default));
        Assert.Equal(RegistryErrorCode.NameUnknown, error.Code);
    }

    public void Dispose() => _store.Dispose();

    private async Task<byte[]> ImageManifestAsync(string? extraLayer)
    {
        var config = await PushBlobAsync("{\"os\":\"linux\"}");
        var layer = await PushBlobAsync("layer");
        var layers = $$$"""{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"{{{layer}}}","size":5}""" + (extraLayer is null ? string.Empty : "," + extraLayer);
        return Encoding.UTF8.GetBytes($$$"""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{{{config}}}","size":15},"layers":[{{{layers}}}]}""");
    }

    private async Task<Digest> PushBlobAsync(string text)
    {
        var content = Encoding.UTF8.GetBytes(text);
        var digest = Digest.Compute(DigestAlgorithm.Sha256, content);
        var upload = await _store.Uploads.StartAsync(Name, default);
        await _store.Uploads.CompleteAsync(Name, upload.Id, digest, new Uploads.UploadChunk(PipeReader.Create(new MemoryStream(content)), null, content.Length), default);
        return digest;
    }
}
