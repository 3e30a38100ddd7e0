using System.Net;
using System.Text.Json.Nodes;
using Berth.Client;
using Berth.Testing;

namespace Berth.Interop.Tests.Mirror;

/// <summary>Tag revalidation, Docker Hub style names, and the cache admin API, over HTTP against real servers.</summary>
public sealed class MirrorCacheTests : IAsyncLifetime
{
    private readonly UpstreamTap _tap = new();
    private BerthTestServer _upstream = null!;

    public async Task InitializeAsync() => _upstream = await BerthTestServer.StartAsync(configure: _tap.Install);

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    [Fact]
    public async Task MovedUpstreamTag_IsServedAsCachedWithinTheTtl_AndFollowedOnceTheTtlIsZero()
    {
        var first = TestImage.Create(seed: 101, 1024);
        var second = TestImage.Create(seed: 102, 1024);
        await first.PushAsync(_upstream.BaseAddress, "ttl/app", "latest");
        await using var patient = await MirrorServer.StartAsync(_upstream.BaseAddress, new Dictionary<string, string?> { ["Mirror:TagTtl"] = "01:00:00" });
        await using var eager = await MirrorServer.StartAsync(_upstream.BaseAddress, new Dictionary<string, string?> { ["Mirror:TagTtl"] = "00:00:00" });
        Assert.Equal(first.ManifestDigest, await ManifestDigestAsync(patient, "ttl/app", "latest"));
        Assert.Equal(first.ManifestDigest, await ManifestDigestAsync(eager, "ttl/app", "latest"));

        await second.PushAsync(_upstream.BaseAddress, "ttl/app", "latest");

        Assert.Equal(first.ManifestDigest, await ManifestDigestAsync(patient, "ttl/app", "latest"));
        Assert.Equal(second.ManifestDigest, await ManifestDigestAsync(eager, "ttl/app", "latest"));
    }

    [Fact]
    public async Task OneComponentName_WithLibraryPrefix_IsFetchedFromLibraryUpstream()
    {
        var image = TestImage.Create(seed: 103, 2048);
        await image.PushAsync(_upstream.BaseAddress, "library/alpine", "3");
        await using var mirror = await MirrorServer.StartAsync(_upstream.BaseAddress, new Dictionary<string, string?> { ["Mirror:LibraryPrefix"] = "true" });

        Assert.Equal(image.ManifestDigest, await ManifestDigestAsync(mirror, "alpine", "3"));
        using var client = RegistryClient.Create(new RegistryClientOptions { BaseAddress = mirror.BaseAddress });
        foreach (var digest in image.Blobs.Keys)
        {
            await using var blob = await client.GetBlobAsync("alpine", digest, default);
            await blob.Content.CopyToAsync(Stream.Null);
        }

        Assert.True(await mirror.HoldsAsync(image.Blobs.Keys.First()));
    }

    [Fact]
    public async Task AdminApi_ListsCachedRepositoriesWithSizes_AndEvictionFreesTheirBlobs()
    {
        var image = TestImage.Create(seed: 104, 64 * 1024, 32 * 1024);
        await image.PushAsync(_upstream.BaseAddress, "admin/app", "v1");
        await using var mirror = await MirrorServer.StartAsync(_upstream.BaseAddress);
        await PullAsync(mirror, "admin/app", "v1", image);
        using var http = mirror.CreateClient();

        var listing = JsonNode.Parse(await http.GetStringAsync("/api/v1/mirror/cache"))!;
        var repository = listing["repositories"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "admin/app")!;
        Assert.Equal(image.Manifest.Length + image.Blobs.Values.Sum(b => (long)b.Length), repository["bytes"]!.GetValue<long>());
        Assert.Equal(image.Blobs.Count, repository["blobs"]!.GetValue<int>());
        Assert.Equal(["v1"], repository["tags"]!.AsArray().Select(t => t!.GetValue<string>()));

        using var evicted = await http.DeleteAsync("/api/v1/mirror/cache/admin/app");
        Assert.Equal(HttpStatusCode.OK, evicted.StatusCode);
        foreach (var digest in image.Blobs.Keys)
        {
            Assert.False(await mirror.HoldsAsync(digest), $"{digest} is still cached after eviction.");
        }

        using var gone = await http.GetAsync("/api/v1/mirror/cache/admin/app");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        await PullAsync(mirror, "admin/app", "v1", image);
        Assert.Equal(2, _tap.BlobGets(image.Blobs.Keys.First()));
    }

    [Fact]
    public async Task AdminApi_WithAuthOn_RefusesAnonymousCallers()
    {
        await using var mirror = await MirrorServer.StartAsync(_upstream.BaseAddress, new Dictionary<string, string?>
        {
            ["Auth:Mode"] = "Token",
            ["Index:AdminPassword"] = "admin-secret-1",
            ["Index:BcryptWorkFactor"] = "4",
        });
        using var http = mirror.CreateClient();

        using var listing = await http.GetAsync("/api/v1/mirror/cache");
        using var eviction = await http.DeleteAsync("/api/v1/mirror/cache/admin/app");

        Assert.Equal(HttpStatusCode.Unauthorized, listing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, eviction.StatusCode);
        Assert.Contains("registry:catalog:*", listing.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    private static async Task<string?> ManifestDigestAsync(BerthTestServer mirror, string repository, string tag)
    {
        using var client = RegistryClient.Create(new RegistryClientOptions { BaseAddress = mirror.BaseAddress });
        var manifest = await client.GetManifestAsync(repository, tag, default);
        return TestImage.DigestOf(manifest.Content);
    }

    private static async Task PullAsync(BerthTestServer mirror, string repository, string tag, TestImage image)
    {
        using var client = RegistryClient.Create(new RegistryClientOptions { BaseAddress = mirror.BaseAddress });
        await client.GetManifestAsync(repository, tag, default);
        foreach (var digest in image.Blobs.Keys)
        {
            await using var blob = await client.GetBlobAsync(repository, digest, default);
            await blob.Content.CopyToAsync(Stream.Null);
        }
    }
}
