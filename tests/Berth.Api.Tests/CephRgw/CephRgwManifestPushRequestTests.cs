using System.Net;
using Berth.Api.Tests.Infrastructure;
using Berth.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Berth.Api.Tests.CephRgw;

/// <summary>
/// What a manifest push costs a real Ceph RGW, request by request (berth.storage.requests), as docs/storage.md lists
/// it: the layer links checked (one HEAD each), the manifest's content put without a look for it first, the revision
/// link, every config and layer checked for content after that link (docs/gc.md), the tag's current target read (to
/// undo the tag if the final check fails), the tag's index and current links, then the final check after the tag: the
/// revision link, the manifest's content and every config and layer once more. The node's clock stands still, so the
/// namespace's policy and quota, read once per cache period, are read by the first push only.
/// </summary>
public sealed class CephRgwManifestPushRequestTests : IAsyncLifetime
{
    private static readonly Dictionary<string, long> ManifestPush = new() { ["GetObjectMetadata"] = 8, ["GetObject"] = 1, ["PutObject"] = 4 };
    private BerthTestServer? _server;

    private BerthTestServer Server => _server!;

    public async Task InitializeAsync() =>
        _server = await BerthTestServer.StartAsync(
            await CephRgwStorage.CreateBucketSettingsAsync(),
            builder => builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(DateTimeOffset.UtcNow)));

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task ManifestPushByTag_IsThirteenRequests()
    {
        using var client = new RegistryClient(Server.CreateClient());
        await client.PushImageAsync("requests/warm", "v1", layerCount: 1);
        var (config, layer, layerContent) = await PushBlobsAsync(client, "requests/manifest");
        var manifest = ManifestJson.Serialize(ManifestJson.OciManifest(config, [layer]));

        using var meter = new ServerMeter(Server);
        var digest = await client.PushManifestAsync("requests/manifest", "v1", manifest, MediaTypes.OciManifest);

        Assert.Equal(ManifestPush, meter.StoreRequests());
        await AssertTaggedAsync(client, "requests/manifest", "v1", digest, manifest);
        await CephRgwPushRequestTests.AssertReadsBackAsync(client, "requests/manifest", layer.Digest, layerContent);
    }

    /// <summary>A CI job pushing the same image to the same tag again pays the same requests, and changes nothing.</summary>
    [Fact]
    public async Task ManifestPushedAgainToTheSameTag_IsThirteenRequestsAndKeepsTheImage()
    {
        using var client = new RegistryClient(Server.CreateClient());
        var (config, layer, _) = await PushBlobsAsync(client, "requests/again");
        var manifest = ManifestJson.Serialize(ManifestJson.OciManifest(config, [layer]));
        await client.PushManifestAsync("requests/again", "v1", manifest, MediaTypes.OciManifest);

        using var meter = new ServerMeter(Server);
        var digest = await client.PushManifestAsync("requests/again", "v1", manifest, MediaTypes.OciManifest);

        Assert.Equal(ManifestPush, meter.StoreRequests());
        await AssertTaggedAsync(client, "requests/again", "v1", digest, manifest);
    }

    private static async Task<(Descriptor Config, Descriptor Layer, byte[] LayerContent)> PushBlobsAsync(RegistryClient client, string repository)
    {
        var config = await client.PushBlobAsync(repository, MediaTypes.OciConfig, TestContent.Utf8($"{{\"architecture\":\"amd64\",\"os\":\"linux\",\"nonce\":\"{Guid.NewGuid()}\"}}"));
        var content = TestContent.Random(300 * 1024);
        return (config, await client.PushBlobAsync(repository, MediaTypes.OciLayer, content), content);
    }

    private static async Task AssertTaggedAsync(RegistryClient client, string repository, string tag, string digest, byte[] manifest)
    {
        using var get = await client.GetAsync($"/v2/{repository}/manifests/{tag}", ("Accept", MediaTypes.OciManifest));
        await OciAssert.StatusAsync(HttpStatusCode.OK, get);
        Assert.Equal(digest, OciAssert.Header(get, "Docker-Content-Digest"));
        Assert.Equal(manifest, await get.Content.ReadAsByteArrayAsync());
    }
}
