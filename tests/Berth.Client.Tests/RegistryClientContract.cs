using System.Net;
using System.Security.Cryptography;
using System.Text;
using Berth.Client.Content;

namespace Berth.Client.Tests;

/// <summary>What the client must do against any conforming registry; one sealed subclass per registry.</summary>
public abstract class RegistryClientContract
{
    protected abstract Uri RegistryAddress { get; }

    [Fact]
    public async Task PushBlobMonolithic_ThenGetBlob_StreamsTheSameBytes()
    {
        using var client = CreateClient();
        var (content, digest) = RandomBlob(300_000);

        await client.PushBlobAsync("client/mono", digest, new ByteArrayContent(content), CancellationToken.None);

        await using var download = await client.GetBlobAsync("client/mono", digest, CancellationToken.None);
        Assert.Equal(content.Length, download.Length);
        Assert.Equal(digest, "sha256:" + Convert.ToHexStringLower(await SHA256.HashDataAsync(download.Content)));
    }

    [Fact]
    public async Task PushBlobChunked_FromStream_StoresTheBlobUnderItsDigest()
    {
        using var client = CreateClient();
        var (content, digest) = RandomBlob(250_000);

        await client.PushBlobChunkedAsync("client/chunked", digest, new MemoryStream(content), content.Length, 64 * 1024, CancellationToken.None);

        Assert.True(await client.BlobExistsAsync("client/chunked", digest, CancellationToken.None));
        await using var download = await client.GetBlobAsync("client/chunked", digest, CancellationToken.None);
        Assert.Equal(digest, "sha256:" + Convert.ToHexStringLower(await SHA256.HashDataAsync(download.Content)));
    }

    [Fact]
    public async Task BlobExists_ForUnknownDigest_ReturnsFalse()
    {
        using var client = CreateClient();
        var (_, digest) = RandomBlob(10);

        Assert.False(await client.BlobExistsAsync("client/missing", digest, CancellationToken.None));
    }

    [Fact]
    public async Task PutManifest_ThenGetAndHeadByTag_ReturnTheSameBytesAndDigest()
    {
        using var client = CreateClient();
        var manifest = await PushImageAsync(client, "client/manifest", "v1");
        var expectedDigest = Sha256(manifest);

        var got = await client.GetManifestAsync("client/manifest", "v1", CancellationToken.None);
        var head = await client.HeadManifestAsync("client/manifest", "v1", CancellationToken.None);

        Assert.Equal(manifest, got.Content);
        Assert.Equal(OciMediaTypes.ImageManifest, got.MediaType);
        Assert.Equal(expectedDigest, got.Digest);
        Assert.Equal(expectedDigest, head?.Digest);
        Assert.Equal(manifest.Length, head?.Length);
    }

    [Fact]
    public async Task ListTags_AfterPushingTwoTags_ListsBoth()
    {
        using var client = CreateClient();
        await PushImageAsync(client, "client/tags", "a");
        await PushImageAsync(client, "client/tags", "b");

        var tags = await client.ListTagsAsync("client/tags", CancellationToken.None);

        Assert.Equal(["a", "b"], tags.Order());
    }

    [Fact]
    public async Task GetManifest_ForUnknownTag_ThrowsNotFoundWithManifestUnknown()
    {
        using var client = CreateClient();
        await PushImageAsync(client, "client/unknown", "present");

        var error = await Assert.ThrowsAsync<RegistryClientException>(() => client.GetManifestAsync("client/unknown", "absent", CancellationToken.None));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal("MANIFEST_UNKNOWN", error.ErrorCode);
    }

    [Fact]
    public async Task HeadManifest_ForUnknownTag_ReturnsNull()
    {
        using var client = CreateClient();

        Assert.Null(await client.HeadManifestAsync("client/none", "absent", CancellationToken.None));
    }

    private RegistryClient CreateClient() => RegistryClient.Create(new RegistryClientOptions { BaseAddress = RegistryAddress });

    private static async Task<byte[]> PushImageAsync(RegistryClient client, string repository, string tag)
    {
        var (layer, layerDigest) = RandomBlob(1000);
        var config = Encoding.UTF8.GetBytes("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + layerDigest + "\"]}}");
        await client.PushBlobAsync(repository, layerDigest, new ByteArrayContent(layer), CancellationToken.None);
        await client.PushBlobAsync(repository, Sha256(config), new ByteArrayContent(config), CancellationToken.None);
        var manifest = new OciManifest(
            2,
            OciMediaTypes.ImageManifest,
            new OciDescriptor(OciMediaTypes.ImageConfig, Sha256(config), config.Length),
            [new OciDescriptor(OciMediaTypes.ImageLayerGzip, layerDigest, layer.Length)]).ToJsonBytes();
        var digest = await client.PutManifestAsync(repository, tag, OciMediaTypes.ImageManifest, manifest, CancellationToken.None);
        Assert.Equal(Sha256(manifest), digest);
        return manifest;
    }

    private static (byte[] Content, string Digest) RandomBlob(int size)
    {
        var content = RandomNumberGenerator.GetBytes(size);
        return (content, Sha256(content));
    }

    private static string Sha256(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));
}
