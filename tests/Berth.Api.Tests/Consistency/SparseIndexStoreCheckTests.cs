using Berth.Api.Tests.Infrastructure;
using Berth.Registry.Consistency;
using Digest = Berth.Registry.Content.Digest;
using Berth.Registry.Layout;
using Berth.Registry.Names;
using Berth.Storage;
using Berth.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Api.Tests.Consistency;

/// <summary>
/// The store check over a store holding a sparse index (a child manifest never pushed): with
/// Registry:Manifests:AllowSparseIndexes the absent child is counted, not a problem; the same store checked with the
/// setting off reports it; a missing layer of an image manifest is a problem either way. One store per test.
/// </summary>
public sealed class SparseIndexStoreCheckTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> Sparse = new() { ["Registry:Manifests:AllowSparseIndexes"] = "true" };

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("berth-fsck-sparse-").FullName;
    private BerthTestServer _server = null!;
    private RegistryClient _registry = null!;

    public async Task InitializeAsync()
    {
        _server = await BerthTestServer.StartAsync(Sparse, dataDirectory: _dataDirectory);
        _registry = new RegistryClient(_server.CreateClient());
    }

    public async Task DisposeAsync()
    {
        _registry.Dispose();
        await _server.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Fact]
    public async Task Check_WithSparseIndexesAllowed_CountsTheAbsentChildWithoutAProblem()
    {
        await PushSparseIndexAsync();

        var report = await CheckAsync(_server);

        Assert.Empty(report.Problems);
        Assert.True(report.IsConsistent);
        Assert.Equal(1, report.AbsentIndexChildren);
        Assert.Equal(2, report.Revisions);
    }

    [Fact]
    public async Task Check_OfTheSameStore_WithSparseIndexesOff_ReportsTheAbsentChild()
    {
        var (index, absent) = await PushSparseIndexAsync();
        await _server.DisposeAsync();
        _server = await BerthTestServer.StartAsync(dataDirectory: _dataDirectory);

        var report = await CheckAsync(_server);

        var problem = Assert.Single(report.Problems);
        Assert.Equal(StoreProblemKind.MissingReference, problem.Kind);
        Assert.Equal(RegistryLayout.ManifestRevisionLink(RepositoryName.Parse("fsck/sparse"), index), problem.Path);
        Assert.Contains(absent.ToString(), problem.Detail, StringComparison.Ordinal);
        Assert.Equal(0, report.AbsentIndexChildren);
    }

    [Fact]
    public async Task Check_WithSparseIndexesAllowed_StillReportsAMissingLayerOfAnImage()
    {
        var image = await _registry.PushImageAsync("fsck/sparse-layer", tag: null, layerCount: 2);
        var index = ManifestJson.Serialize(ManifestJson.OciIndex([image.Descriptor]));
        await _registry.PushManifestAsync("fsck/sparse-layer", "multi", index, MediaTypes.OciIndex);
        var layer = Digest.Parse(image.Layers[0].Digest);
        await _server.Services.GetRequiredService<IStorageDriver>().DeleteAsync(RegistryLayout.BlobData(layer), default);

        var report = await CheckAsync(_server);

        var name = RepositoryName.Parse("fsck/sparse-layer");
        Assert.Contains(report.Problems, p => p.Kind == StoreProblemKind.MissingReference
            && p.Path == RegistryLayout.ManifestRevisionLink(name, Digest.Parse(image.Digest))
            && p.Detail.Contains(layer.ToString(), StringComparison.Ordinal));
        Assert.Contains(report.Problems, p => p.Kind == StoreProblemKind.DanglingLayer && p.Path == RegistryLayout.LayerLink(name, layer));
        Assert.Equal(2, report.Problems.Count);
        Assert.Equal(0, report.AbsentIndexChildren);
    }

    /// <summary>An index naming one pushed image and one child manifest that was never pushed; returns both digests.</summary>
    private async Task<(Digest Index, Digest Absent)> PushSparseIndexAsync()
    {
        var present = await _registry.PushImageAsync("fsck/sparse", tag: null);
        var absent = new Descriptor(MediaTypes.OciManifest, TestContent.UnknownDigest(), 512) { Platform = ManifestJson.Platform("linux", "arm64") };
        var index = ManifestJson.Serialize(ManifestJson.OciIndex(
            [present.Descriptor with { Platform = ManifestJson.Platform("linux", "amd64") }, absent]));
        var digest = await _registry.PushManifestAsync("fsck/sparse", "multi", index, MediaTypes.OciIndex);
        return (Digest.Parse(digest), Digest.Parse(absent.Digest));
    }

    private static Task<StoreCheckReport> CheckAsync(BerthTestServer server) =>
        server.Services.GetRequiredService<StoreChecker>().CheckAsync(new StoreCheckOptions { Concurrency = 4 }, default);
}
