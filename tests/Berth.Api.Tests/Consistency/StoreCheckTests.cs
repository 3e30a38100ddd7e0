using System.Net;
using System.Text;
using Berth.Api.Tests.Infrastructure;
using Berth.Registry.Consistency;
using Berth.Registry.Content;
using Berth.Registry.GarbageCollection;
using Berth.Registry.Layout;
using Berth.Registry.Names;
using Berth.Storage;
using Berth.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Api.Tests.Consistency;

/// <summary>
/// The store check (berth fsck) over a real server's store: images are pushed through the API, the store is damaged
/// through the driver as a crash or a bad disk would, and the check must name each damage. One store per test.
/// </summary>
public abstract class StoreCheckTests : IAsyncLifetime
{
    private BerthTestServer _server = null!;
    private RegistryClient _registry = null!;

    protected abstract Task<IReadOnlyDictionary<string, string?>> CreateSettingsAsync();

    private IStorageDriver Driver => _server.Services.GetRequiredService<IStorageDriver>();

    public async Task InitializeAsync()
    {
        // Collections remove what is unused at once (they run only when a test asks: the schedule waits an hour).
        var settings = new Dictionary<string, string?>(await CreateSettingsAsync())
        {
            ["GarbageCollection:GracePeriod"] = "00:00:00",
            ["GarbageCollection:UntaggedManifestAge"] = "00:00:00",
            ["GarbageCollection:LeaseSettleTime"] = "00:00:00",
        };
        _server = await BerthTestServer.StartAsync(settings);
        _registry = new RegistryClient(_server.CreateClient());
    }

    public async Task DisposeAsync()
    {
        _registry.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Check_OfACleanStore_FindsNoProblemAndCountsEverything()
    {
        await _registry.PushImageAsync("fsck/clean", "v1", layerCount: 2);
        await _registry.PushImageAsync("fsck/clean", "v2", layerCount: 1);
        await _registry.PushImageAsync("fsck/other", "latest", layerCount: 3);

        var report = await CheckAsync();

        Assert.Empty(report.Problems);
        Assert.True(report.IsConsistent);
        Assert.Equal(2, report.Repositories);
        Assert.Equal(3, report.Tags);
        Assert.Equal(3, report.Revisions);
        Assert.Equal(9, report.LayerLinks);
        Assert.Equal(12, report.BlobsVerified);
    }

    [Fact]
    public async Task Check_OfAnImageWithForeignLayers_IsConsistent()
    {
        var config = await _registry.PushBlobAsync("fsck/windows", Infrastructure.MediaTypes.OciConfig, TestContent.EmptyJson);
        var foreign = Infrastructure.Descriptor.Of(Infrastructure.MediaTypes.OciNondistributableLayer, TestContent.Random(50)) with { Urls = ["https://example.invalid/layer.tar.gz"] };
        var dockerForeign = Infrastructure.Descriptor.Of(Infrastructure.MediaTypes.DockerForeignLayer, TestContent.Random(60)) with { Urls = ["https://example.invalid/windows.tar.gz"] };
        await _registry.PushManifestAsync("fsck/windows", "oci", ManifestJson.Serialize(ManifestJson.OciManifest(config, [foreign])), Infrastructure.MediaTypes.OciManifest);
        var dockerConfig = await _registry.PushBlobAsync("fsck/windows", Infrastructure.MediaTypes.DockerConfig, TestContent.Utf8("{\"os\":\"windows\"}"));
        await _registry.PushManifestAsync("fsck/windows", "docker", ManifestJson.Serialize(ManifestJson.DockerManifest(dockerConfig, [dockerForeign])), Infrastructure.MediaTypes.DockerManifest);

        var report = await CheckAsync();

        Assert.Empty(report.Problems);
        Assert.True(report.IsConsistent);
    }

    [Fact]
    public async Task Check_AfterACollectionRemovedBlobs_IsConsistent_AndCountsTheLayerLinksItLeft()
    {
        var dropped = await _registry.PushImageAsync("fsck/gc", "v1", layerCount: 2);
        await _registry.PushImageAsync("fsck/gc", "v2", layerCount: 1);
        Assert.Equal(HttpStatusCode.Accepted, (await _registry.DeleteAsync("/v2/fsck/gc/manifests/v1")).StatusCode);
        var collection = await _server.Services.GetRequiredService<GarbageCollector>().RunAsync(dryRun: false, default);
        Assert.Equal(4, collection.BlobsDeleted);

        var report = await CheckAsync();

        Assert.Empty(report.Problems);
        Assert.True(report.IsConsistent);
        Assert.Equal(1 + dropped.Layers.Count, report.CollectedLayerLinks);
    }

    [Fact]
    public async Task Check_WithABlobWhoseBytesChanged_ReportsItsDigestMismatch()
    {
        var image = await _registry.PushImageAsync("fsck/corrupt", "v1", layerCount: 2);
        var layer = Digest.Parse(image.Layers[1].Digest);
        var path = RegistryLayout.BlobData(layer);
        var bytes = await Driver.GetContentAsync(path, default);
        bytes[bytes.Length / 2] ^= 0xFF;
        await Driver.PutContentAsync(path, bytes, default);

        var report = await CheckAsync();

        var problem = Assert.Single(report.Problems);
        Assert.Equal(StoreProblemKind.DigestMismatch, problem.Kind);
        Assert.Equal(path, problem.Path);
        Assert.False(report.IsConsistent);
    }

    [Fact]
    public async Task Check_WithoutContentVerification_DoesNotReadBlobs()
    {
        var image = await _registry.PushImageAsync("fsck/quick", "v1", layerCount: 1);
        var path = RegistryLayout.BlobData(Digest.Parse(image.Layers[0].Digest));
        var bytes = await Driver.GetContentAsync(path, default);
        bytes[0] ^= 0xFF;
        await Driver.PutContentAsync(path, bytes, default);

        var report = await CheckAsync(verifyContent: false);

        Assert.Empty(report.Problems);
        Assert.Equal(0, report.BlobsVerified);
        Assert.Equal(2, report.LayerLinks);
    }

    [Fact]
    public async Task Check_WithATagPointingAtMissingContent_ReportsADanglingTag()
    {
        await _registry.PushImageAsync("fsck/tag", "v1");
        var name = RepositoryName.Parse("fsck/tag");
        var missing = Digest.Parse(TestContent.UnknownDigest());
        var path = RegistryLayout.TagCurrentLink(name, Tag.Parse("v2"));
        await Driver.PutContentAsync(path, Encoding.UTF8.GetBytes(missing.ToString()), default);

        var report = await CheckAsync();

        var problem = Assert.Single(report.Problems);
        Assert.Equal(StoreProblemKind.DanglingTag, problem.Kind);
        Assert.Equal(path, problem.Path);
        Assert.Contains(missing.ToString(), problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WithALayerWhoseContentIsGone_ReportsTheLayerLinkAndTheManifestReferencingIt()
    {
        var image = await _registry.PushImageAsync("fsck/layer", "v1", layerCount: 2);
        var name = RepositoryName.Parse("fsck/layer");
        var layer = Digest.Parse(image.Layers[0].Digest);
        await Driver.DeleteAsync(RegistryLayout.BlobData(layer), default);

        var report = await CheckAsync();

        Assert.Contains(report.Problems, p => p.Kind == StoreProblemKind.DanglingLayer && p.Path == RegistryLayout.LayerLink(name, layer));
        Assert.Contains(report.Problems, p => p.Kind == StoreProblemKind.MissingReference
            && p.Path == RegistryLayout.ManifestRevisionLink(name, Digest.Parse(image.Digest))
            && p.Detail.Contains(layer.ToString(), StringComparison.Ordinal));
        Assert.Equal(2, report.Problems.Count);
    }

    [Fact]
    public async Task Check_ReportsUploadsOlderThanTheStaleAge_WithoutCallingThemProblems()
    {
        var session = await _registry.StartUploadAsync("fsck/uploads");

        var fresh = await CheckAsync();
        var stale = await _server.Services.GetRequiredService<StoreChecker>()
            .CheckAsync(new StoreCheckOptions { StaleUploadAge = TimeSpan.Zero }, default);

        Assert.Empty(fresh.StaleUploads);
        var upload = Assert.Single(stale.StaleUploads);
        Assert.Equal(session.Uuid, upload.UploadId);
        Assert.Equal("fsck/uploads", upload.Repository);
        Assert.True(stale.IsConsistent);
    }

    private Task<StoreCheckReport> CheckAsync(bool verifyContent = true) =>
        _server.Services.GetRequiredService<StoreChecker>().CheckAsync(new StoreCheckOptions { VerifyContent = verifyContent, Concurrency = 4 }, default);
}
