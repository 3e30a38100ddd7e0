using System.Text;
using Berth.Registry.Content;
using Berth.Registry.Events;
using Berth.Registry.Layout;
using Berth.Registry.Names;
using Berth.Registry.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Registry.Tests.GarbageCollection;

public sealed class GarbageCollectorTests : IDisposable
{
    private static readonly RepositoryName A = RepositoryName.Parse("team/a");
    private static readonly RepositoryName B = RepositoryName.Parse("team/b");
    private readonly RecordingSink _sink = new();
    private readonly StoreFixture _store;
    private readonly StorePusher _push;

    public GarbageCollectorTests()
    {
        _store = new StoreFixture(Settings(grace: "00:00:00"), s => s.AddSingleton<IRegistryEventSink>(_sink));
        _push = new StorePusher(_store);
    }

    [Fact]
    public async Task Run_KeepsWhatTagsIndexesAndReferrersReach_AndRemovesEverythingElse()
    {
        var tagged = await _push.ImageAsync(A, "v1", "shared", "only-a");
        var sameLayersElsewhere = await _push.ImageAsync(B, "v1", "shared", "only-b");
        var child1 = await _push.ImageAsync(A, null, "child-1");
        var child2 = await _push.ImageAsync(A, null, "child-2");
        var index = await _push.IndexAsync(A, "multi", child1, child2);
        var sbom = await _push.ReferrerAsync(A, tagged.Manifest, "sbom of v1");
        var untagged = await _push.ImageAsync(A, null, "orphan-a", "shared");
        var untaggedByTagDelete = await _push.ImageAsync(B, "gone", "orphan-b");
        var orphanReferrer = await _push.ReferrerAsync(B, untaggedByTagDelete.Manifest, "sbom of gone");
        var deletedByDigest = await _push.ImageAsync(B, "deleted", "deleted-layer");
        await _store.Manifests.DeleteAsync(B, Reference.Parse("gone"), default);
        await _store.Manifests.DeleteAsync(B, Reference.Parse(deletedByDigest.Manifest.ToString()), default);

        var report = await _store.Collector.RunAsync(dryRun: false, default);

        Digest[] kept = [.. tagged.Blobs, .. sameLayersElsewhere.Blobs, .. child1.Blobs, .. child2.Blobs, index, .. sbom.Blobs];
        Assert.Equal(kept.Distinct().OrderBy(d => d.ToString()), StoredBlobs().OrderBy(d => d.ToString()));
        foreach (var gone in new[] { untagged.Manifest, untaggedByTagDelete.Manifest, orphanReferrer.Manifest })
        {
            var error = await Assert.ThrowsAsync<RegistryException>(() => _store.Manifests.GetAsync(gone == untagged.Manifest ? A : B, Reference.Parse(gone.ToString()), default));
            Assert.Equal(RegistryErrorCode.ManifestUnknown, error.Code);
        }

        Assert.Equal(sbom.Manifest, Assert.Single(await _store.Referrers.ListAsync(A, tagged.Manifest, null, default)).Digest);
        Assert.Empty(await _store.Referrers.ListAsync(B, untaggedByTagDelete.Manifest, null, default));
        Assert.Equal(3, report.ManifestsDeleted);
        Assert.Equal(
            new[] { untagged.Manifest, untaggedByTagDelete.Manifest, orphanReferrer.Manifest }.OrderBy(d => d.ToString()),
            _sink.Events.Where(e => e.Action == RegistryEventAction.Delete).Select(e => e.Digest!.Value).OrderBy(d => d.ToString()));
        Assert.DoesNotContain(_store.Files(), f => f.Contains("/condemned/", StringComparison.Ordinal));
        Assert.Equal([RegistryLayout.GcRun(report.StartedAt, report.RunId)], _store.Files().Where(f => f.StartsWith(RegistryLayout.GcRoot + "/", StringComparison.Ordinal)));

        var again = await _store.Collector.RunAsync(dryRun: true, default);
        Assert.Equal(0, again.BlobsDeleted + again.ManifestsDeleted);
        Assert.Equal(kept.Distinct().Count(), again.BlobsInUse);
    }

    [Fact]
    public async Task DryRun_ReportsWhatWouldGoAndHowManyBytes_AndChangesNothing()
    {
        var image = await _push.ImageAsync(A, "v1", "layer-one", "layer-two");
        await _store.Manifests.DeleteAsync(A, Reference.Parse("v1"), default);
        var before = _store.Files();

        var report = await _store.Collector.RunAsync(dryRun: true, default);

        Assert.Equal(before, _store.Files());
        Assert.Equal(image.Blobs.OrderBy(d => d.ToString()), report.DeletedBlobs.Select(b => b.Digest).OrderBy(d => d.ToString()));
        Assert.Equal(image.Blobs.Sum(d => new FileInfo(Path.Join(_store.Root, RegistryLayout.BlobData(d))).Length), report.BytesDeleted);
        Assert.Equal(image.Manifest, Assert.Single(report.DeletedManifests).Digest);
    }

    [Fact]
    public async Task BlobWithinGracePeriod_IsKeptThoughNothingReferencesItYet()
    {
        using var store = new StoreFixture(Settings(grace: "01:00:00"), null);
        var layer = await new StorePusher(store).BlobAsync(A, "uploaded, manifest not yet pushed");

        var report = await store.Collector.RunAsync(dryRun: false, default);

        Assert.Equal(0, report.BlobsDeleted);
        Assert.True(await store.Blobs.ExistsAsync(layer, default));
    }

    [Fact]
    public async Task StaleUpload_IsPurged_AndRecentUploadKept()
    {
        var stale = await _store.Uploads.StartAsync(A, default);
        var fresh = await _store.Uploads.StartAsync(A, default);
        await _store.Driver.PutContentAsync(RegistryLayout.UploadStartedAt(A, stale.Id), Encoding.UTF8.GetBytes(DateTimeOffset.UtcNow.AddDays(-2).ToString("O")), default);

        var report = await _store.Collector.RunAsync(dryRun: false, default);

        Assert.Equal(stale.Id, Assert.Single(report.PurgedUploads).UploadId);
        var error = await Assert.ThrowsAsync<RegistryException>(() => _store.Uploads.GetStatusAsync(A, stale.Id, default));
        Assert.Equal(RegistryErrorCode.BlobUploadUnknown, error.Code);
        Assert.Equal(0, (await _store.Uploads.GetStatusAsync(A, fresh.Id, default)).Size);
    }

    [Fact]
    public async Task AbandonedWrites_OlderThanTheUploadAge_ArePurged_AndRecentOnesKept()
    {
        var image = await _push.ImageAsync(A, "v1", "layer");
        var old = DateTime.UtcNow.AddDays(-2);
        var deadWriter = _store.Driver.GetLocalPath(RegistryLayout.BlobData(image.Manifest)) + ".tmp-" + Guid.NewGuid().ToString("N");
        await File.WriteAllBytesAsync(deadWriter, [1, 2, 3]);
        File.SetLastWriteTimeUtc(deadWriter, old);
        var liveWriter = _store.Driver.GetLocalPath(RegistryLayout.BlobData(image.Blobs[0])) + ".tmp-" + Guid.NewGuid().ToString("N");
        await File.WriteAllBytesAsync(liveWriter, [4]);
        var deadFill = RegistryLayout.MirrorFill("deadfill");
        await _store.Driver.PutContentAsync(deadFill, new byte[] { 5 }, default);
        File.SetLastWriteTimeUtc(_store.Driver.GetLocalPath(deadFill), old);
        var liveFill = RegistryLayout.MirrorFill("livefill");
        await _store.Driver.PutContentAsync(liveFill, new byte[] { 6 }, default);

        var report = await _store.Collector.RunAsync(dryRun: false, default);

        Assert.Equal(2, report.AbandonedWritesPurged);
        Assert.False(File.Exists(deadWriter));
        Assert.True(File.Exists(liveWriter));
        Assert.False(await _store.Driver.ExistsAsync(deadFill, default));
        Assert.True(await _store.Driver.ExistsAsync(liveFill, default));
        Assert.Equal(image.Blobs.OrderBy(d => d.ToString()), StoredBlobs().OrderBy(d => d.ToString()));
    }

    [Fact]
    public async Task ManifestPush_WhoseLayerWasSetAside_FailsWithManifestBlobUnknownAndKeepsNoTag()
    {
        var layer = await _push.BlobAsync(A, "layer");
        await _store.Driver.MoveAsync(RegistryLayout.BlobData(layer), RegistryLayout.CondemnedBlob(layer), default);

        var config = await _push.BlobAsync(A, "{}");
        var error = await Assert.ThrowsAsync<RegistryException>(() => _push.ManifestAsync(A, "v1", config, layer));

        Assert.Equal(RegistryErrorCode.ManifestBlobUnknown, error.Code);
        Assert.DoesNotContain(_store.Files(), f => f.Contains("/tags/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Upload_OfABlobThatWasSetAside_PutsTheUploadedCopyInPlace()
    {
        var layer = await _push.BlobAsync(A, "layer");
        await _store.Driver.MoveAsync(RegistryLayout.BlobData(layer), RegistryLayout.CondemnedBlob(layer), default);

        await _push.BlobAsync(B, "layer");

        Assert.True(await _store.Blobs.ExistsAsync(layer, default));
    }

    [Fact]
    public async Task SetAsideContentStillReferenced_IsRestoredByTheNextRun()
    {
        var child = await _push.ImageAsync(A, null, "child-layer");
        await _push.IndexAsync(A, "multi", child);
        var layer = child.Blobs[^1];
        await _store.Driver.MoveAsync(RegistryLayout.BlobData(layer), RegistryLayout.CondemnedBlob(layer), default);
        await _store.Driver.MoveAsync(RegistryLayout.ManifestRevisionLink(A, child.Manifest), RegistryLayout.CondemnedRevision(A, child.Manifest), default);

        var report = await _store.Collector.RunAsync(dryRun: false, default);

        Assert.True(2 == report.Restored, $"restored {report.Restored}, deleted {report.BlobsDeleted} blobs and {report.ManifestsDeleted} manifests");
        Assert.Equal(0, report.BlobsDeleted + report.ManifestsDeleted);
        Assert.True(await _store.Blobs.ExistsAsync(layer, default));
        Assert.Equal(child.Manifest, (await _store.Manifests.GetAsync(A, Reference.Parse(child.Manifest.ToString()), default)).Digest);
    }

    [Fact]
    public async Task Run_WhileAnotherRunHoldsTheLease_IsSkippedAndRemovesNothing()
    {
        await _push.ImageAsync(A, null, "unreferenced");
        await _store.Driver.PutContentAsync(RegistryLayout.GcLease, Encoding.UTF8.GetBytes($"other\n{DateTimeOffset.UtcNow.AddHours(1):O}"), default);
        var before = _store.Files();

        var report = await _store.Collector.RunAsync(dryRun: false, default);

        Assert.True(report.Skipped);
        Assert.Equal(before, _store.Files());
    }

    [Fact]
    public async Task DeleteRepository_KeepsNestedRepositories_AndTheNextRunReclaimsOnlyItsOwnBlobs()
    {
        var nested = RepositoryName.Parse("team/a/tools");
        var outer = await _push.ImageAsync(A, "v1", "shared", "outer-only");
        var inner = await _push.ImageAsync(nested, "v1", "shared", "inner-only");

        Assert.True(await _store.Repositories.DeleteAsync(A, default));
        Assert.False(await _store.Repositories.DeleteAsync(A, default));
        await _store.Collector.RunAsync(dryRun: false, default);

        Assert.Equal(["team/a/tools"], await _store.Catalog.ListAsync(default));
        Assert.Equal(inner.Blobs.OrderBy(d => d.ToString()), StoredBlobs().OrderBy(d => d.ToString()));
        Assert.DoesNotContain(outer.Blobs[^1], StoredBlobs());
        Assert.Equal(inner.Manifest, (await _store.Manifests.GetAsync(nested, Reference.Parse("v1"), default)).Digest);
    }

    public void Dispose() => _store.Dispose();

    private static Dictionary<string, string?> Settings(string grace) => new()
    {
        ["GarbageCollection:GracePeriod"] = grace,
        ["GarbageCollection:UntaggedManifestAge"] = "00:00:00",
        ["GarbageCollection:LeaseSettleTime"] = "00:00:00",
    };

    private List<Digest> StoredBlobs() =>
        [.. _store.Files()
            .Where(f => f.StartsWith(RegistryLayout.BlobsRoot + "/", StringComparison.Ordinal) && f.EndsWith("/data", StringComparison.Ordinal))
            .Select(f => f.Split('/'))
            .Select(parts => Digest.Parse($"{parts[3]}:{parts[5]}"))];
}
