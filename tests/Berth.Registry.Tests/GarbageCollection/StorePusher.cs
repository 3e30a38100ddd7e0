using System.IO.Pipelines;
using System.Text;
using Berth.Registry.Content;
using Berth.Registry.Names;
using Berth.Registry.Uploads;

namespace Berth.Registry.Tests.GarbageCollection;

/// <summary>Pushes blobs, images, indexes and referrers through the stores, as the API would.</summary>
internal sealed class StorePusher(StoreFixture store)
{
    private int _counter;

    public async Task<Digest> BlobAsync(RepositoryName name, string text)
    {
        var content = Encoding.UTF8.GetBytes(text);
        var digest = Digest.Compute(DigestAlgorithm.Sha256, content);
        var upload = await store.Uploads.StartAsync(name, default);
        await store.Uploads.CompleteAsync(name, upload.Id, digest, new UploadChunk(PipeReader.Create(new MemoryStream(content)), null, content.Length), default);
        return digest;
    }

    /// <summary>An image of a fresh config, the given layers (pushed if named by text) and its manifest, tagged or not.</summary>
    public async Task<Image> ImageAsync(RepositoryName name, string? tag, params string[] layers)
    {
        var config = await BlobAsync(name, $"{{\"os\":\"linux\",\"n\":{Interlocked.Increment(ref _counter)}}}");
        var layerDigests = new List<Digest>();
        foreach (var layer in layers)
        {
            layerDigests.Add(await BlobAsync(name, layer));
        }

        var put = await ManifestAsync(name, tag, config, [.. layerDigests]);
        return new Image(put, [put, config, .. layerDigests]);
    }

    /// <summary>Puts an image manifest over blobs already pushed.</summary>
    public async Task<Digest> ManifestAsync(RepositoryName name, string? tag, Digest config, params Digest[] layers)
    {
        var layerJson = string.Join(",", layers.Select(d => $$"""{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"{{d}}","size":1}"""));
        var manifest = Encoding.UTF8.GetBytes($$"""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{{config}}","size":1},"layers":[{{layerJson}}]}""");
        var put = await store.Manifests.PutAsync(name, Reference.Parse(tag ?? Digest.Compute(DigestAlgorithm.Sha256, manifest).ToString()), manifest, MediaTypes.OciManifest, default);
        return put.Digest;
    }

    public async Task<Digest> IndexAsync(RepositoryName name, string tag, params Image[] children)
    {
        var entries = string.Join(",", children.Select(c => $$"""{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{c.Manifest}}","size":1}"""));
        var index = Encoding.UTF8.GetBytes($$"""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{{entries}}]}""");
        return (await store.Manifests.PutAsync(name, Reference.Parse(tag), index, MediaTypes.OciIndex, default)).Digest;
    }

    /// <summary>An untagged artifact whose subject is <paramref name="subject"/>, with one payload layer.</summary>
    public async Task<Image> ReferrerAsync(RepositoryName name, Digest subject, string payload)
    {
        var empty = await BlobAsync(name, "{}");
        var layer = await BlobAsync(name, payload);
        var manifest = Encoding.UTF8.GetBytes($$$"""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","artifactType":"application/x-sbom","config":{"mediaType":"application/vnd.oci.empty.v1+json","digest":"{{{empty}}}","size":2},"layers":[{"mediaType":"text/plain","digest":"{{{layer}}}","size":{{{payload.Length}}}}],"subject":{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{{subject}}}","size":1}}""");
        var digest = Digest.Compute(DigestAlgorithm.Sha256, manifest);
        await store.Manifests.PutAsync(name, Reference.Parse(digest.ToString()), manifest, MediaTypes.OciManifest, default);
        return new Image(digest, [digest, empty, layer]);
    }

    internal sealed record Image(Digest Manifest, IReadOnlyList<Digest> Blobs);
}
