using System.Net;
using System.Security.Cryptography;
using System.Text;
using Berth.Client.Content;
using Berth.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Berth.Client.Tests;

/// <summary>The server's read-path shortcuts stay correct: cached tags follow writes, offloaded blobs point at the right file.</summary>
public sealed class BerthHotPathTests
{
    [Fact]
    public async Task GetManifestByTag_AfterTheSameNodeMovesTheTag_ReturnsTheNewManifestAtOnce()
    {
        await using var server = await BerthTestServer.StartAsync(new Dictionary<string, string?> { ["Registry:ManifestCache:Revalidation"] = "00:10:00" });
        using var client = RegistryClient.Create(new RegistryClientOptions { BaseAddress = server.BaseAddress });
        var first = await PushImageAsync(client, "hot/tag", "latest", "one");
        Assert.Equal(first, (await client.GetManifestAsync("hot/tag", "latest", CancellationToken.None)).Content);

        var second = await PushImageAsync(client, "hot/tag", "latest", "two");

        Assert.Equal(second, (await client.GetManifestAsync("hot/tag", "latest", CancellationToken.None)).Content);
    }

    [Fact]
    public async Task GetManifestByTag_AfterAnotherNodeMovesTheTag_ReturnsTheNewManifestOnceRevalidated()
    {
        var settings = new Dictionary<string, string?> { ["Registry:ManifestCache:Revalidation"] = "00:00:00.200" };
        var readerTime = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var reader = await BerthTestServer.StartAsync(settings, builder => builder.Services.AddSingleton<TimeProvider>(readerTime));
        await using var writer = await BerthTestServer.StartAsync(settings, dataDirectory: reader.DataDirectory);
        using var readerClient = RegistryClient.Create(new RegistryClientOptions { BaseAddress = reader.BaseAddress });
        using var writerClient = RegistryClient.Create(new RegistryClientOptions { BaseAddress = writer.BaseAddress });
        var first = await PushImageAsync(writerClient, "hot/nodes", "latest", "one");
        await readerClient.GetManifestAsync("hot/nodes", "latest", CancellationToken.None);

        var second = await PushImageAsync(writerClient, "hot/nodes", "latest", "two");
        Assert.Equal(first, (await readerClient.GetManifestAsync("hot/nodes", "latest", CancellationToken.None)).Content);
        readerTime.Advance(TimeSpan.FromMilliseconds(400));

        Assert.Equal(second, (await readerClient.GetManifestAsync("hot/nodes", "latest", CancellationToken.None)).Content);
    }

    [Fact]
    public async Task DeleteTag_OnTheSameNode_MakesCachedTagUnknownAtOnce()
    {
        await using var server = await BerthTestServer.StartAsync(new Dictionary<string, string?> { ["Registry:ManifestCache:Revalidation"] = "00:10:00" });
        using var client = RegistryClient.Create(new RegistryClientOptions { BaseAddress = server.BaseAddress });
        using var http = server.CreateClient();
        await PushImageAsync(client, "hot/delete", "gone", "one");
        await client.GetManifestAsync("hot/delete", "gone", CancellationToken.None);

        using var deleted = await http.DeleteAsync(new Uri("/v2/hot/delete/manifests/gone", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        Assert.Null(await client.HeadManifestAsync("hot/delete", "gone", CancellationToken.None));
    }

    [Fact]
    public async Task GetBlob_WithXAccelRedirectOffload_PointsNginxAtTheStoredFileAndSendsNoBody()
    {
        await using var server = await BerthTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Registry:BlobOffload:Mode"] = "XAccelRedirect",
            ["Registry:BlobOffload:InternalLocation"] = "/_internal/storage/",
        });
        using var client = RegistryClient.Create(new RegistryClientOptions { BaseAddress = server.BaseAddress });
        using var http = server.CreateClient();
        var content = RandomNumberGenerator.GetBytes(5000);
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));
        await client.PushBlobAsync("hot/offload", digest, new ByteArrayContent(content), CancellationToken.None);

        using var response = await http.GetAsync(new Uri($"/v2/hot/offload/blobs/{digest}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        var target = Assert.Single(response.Headers.GetValues("X-Accel-Redirect"));
        Assert.StartsWith("/_internal/storage/", target, StringComparison.Ordinal);
        var file = Path.Join(server.DataDirectory, target["/_internal/storage".Length..]);
        Assert.Equal(content, await File.ReadAllBytesAsync(file));
    }

    /// <summary>nginx would refuse an unsatisfiable range with an HTML page: Berth refuses it itself, with the spec's error.</summary>
    [Fact]
    public async Task GetBlob_WithOffload_AndAnUnsatisfiableRange_IsRefusedByBerthWithoutRedirecting()
    {
        await using var server = await BerthTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Registry:BlobOffload:Mode"] = "XAccelRedirect",
        });
        using var client = RegistryClient.Create(new RegistryClientOptions { BaseAddress = server.BaseAddress });
        using var http = server.CreateClient();
        var content = RandomNumberGenerator.GetBytes(100);
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));
        await client.PushBlobAsync("hot/offload-range", digest, new ByteArrayContent(content), CancellationToken.None);

        using var unsatisfiable = new HttpRequestMessage(HttpMethod.Get, new Uri($"/v2/hot/offload-range/blobs/{digest}", UriKind.Relative));
        unsatisfiable.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(100, null);
        using var refused = await http.SendAsync(unsatisfiable);
        using var satisfiable = new HttpRequestMessage(HttpMethod.Get, new Uri($"/v2/hot/offload-range/blobs/{digest}", UriKind.Relative));
        satisfiable.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(10, 19);
        using var offloaded = await http.SendAsync(satisfiable);

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, refused.StatusCode);
        Assert.Contains("RANGE_INVALID", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(refused.Headers.Contains("X-Accel-Redirect"));
        Assert.Equal(HttpStatusCode.OK, offloaded.StatusCode);
        Assert.True(offloaded.Headers.Contains("X-Accel-Redirect"), "a satisfiable range is nginx's to answer");
        Assert.Empty(offloaded.Headers.AcceptRanges);
    }

    private static async Task<byte[]> PushImageAsync(RegistryClient client, string repository, string tag, string label)
    {
        var config = Encoding.UTF8.GetBytes($"{{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{{\"Labels\":{{\"l\":\"{label}\"}}}},\"rootfs\":{{\"type\":\"layers\",\"diff_ids\":[]}}}}");
        var configDigest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(config));
        await client.PushBlobAsync(repository, configDigest, new ByteArrayContent(config), CancellationToken.None);
        var manifest = new OciManifest(2, OciMediaTypes.ImageManifest, new OciDescriptor(OciMediaTypes.ImageConfig, configDigest, config.Length), []).ToJsonBytes();
        await client.PutManifestAsync(repository, tag, OciMediaTypes.ImageManifest, manifest, CancellationToken.None);
        return manifest;
    }
}
