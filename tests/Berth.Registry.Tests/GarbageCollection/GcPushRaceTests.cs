using Berth.Registry.Layout;
using Berth.Registry.Names;
using Berth.Storage.Conformance.Interception;

namespace Berth.Registry.Tests.GarbageCollection;

/// <summary>
/// A manifest push in flight while a collection runs, with the interleaving forced by holding storage calls: the
/// push's revision link is written before the run starts and its tag after the run's second mark has read the tags.
/// With a zero grace period and untagged age, the run sets aside (and deletes) the very manifest and blobs being pushed.
/// </summary>
public sealed class GcPushRaceTests : IDisposable
{
    private static readonly RepositoryName A = RepositoryName.Parse("team/a");
    private static readonly Tag V1 = Tag.Parse("v1");
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly StoreFixture _store;
    private readonly StorePusher _push;
    private PausingStorageDriver? _driver;

    public GcPushRaceTests()
    {
        _store = new StoreFixture(
            new Dictionary<string, string?>
            {
                ["GarbageCollection:GracePeriod"] = "00:00:00",
                ["GarbageCollection:UntaggedManifestAge"] = "00:00:00",
                ["GarbageCollection:LeaseSettleTime"] = "00:00:00",
            },
            null,
            inner => _driver = new PausingStorageDriver(inner));
        _push = new StorePusher(_store);
    }

    private PausingStorageDriver Driver => _driver ?? throw new InvalidOperationException("The fixture did not decorate its driver.");

    [Fact]
    public async Task ManifestPush_WhoseBlobsARunDeletedBeforeItsTagWasWritten_IsRefusedAndLeavesNoTag()
    {
        var config = await _push.BlobAsync(A, """{"os":"linux"}""");
        var layer = await _push.BlobAsync(A, "layer");
        var tagWrite = Driver.HoldBefore(IsTagWrite);
        var push = _push.ManifestAsync(A, V1.Value, config, layer);
        await tagWrite.Reached.WaitAsync(Patience);

        var report = await _store.Collector.RunAsync(dryRun: false, default);
        Assert.True(report.ManifestsDeleted == 1 && report.BlobsDeleted == 3, $"the run should have removed the pushed manifest and its blobs; it removed {report.ManifestsDeleted} manifest(s), {report.BlobsDeleted} blob(s)");
        tagWrite.Release();

        var error = await Assert.ThrowsAsync<RegistryException>(() => push);
        Assert.Equal(RegistryErrorCode.ManifestBlobUnknown, error.Code);
        Assert.Null(await _store.Tags.ResolveAsync(A, V1, default));
    }

    [Fact]
    public async Task ManifestPush_WhoseBlobsARunSetAsideButHasNotDeletedYet_PutsThemBackAndIsComplete()
    {
        var config = await _push.BlobAsync(A, """{"os":"linux"}""");
        var layer = await _push.BlobAsync(A, "layer");
        var tagWrite = Driver.HoldBefore(IsTagWrite);
        var push = _push.ManifestAsync(A, V1.Value, config, layer);
        await tagWrite.Reached.WaitAsync(Patience);
        var deletes = Driver.HoldBefore(c => c.Operation == StorageOperation.Delete && c.Path.StartsWith(RegistryLayout.CondemnedBlobsRoot + "/", StringComparison.Ordinal));
        var run = _store.Collector.RunAsync(dryRun: false, default);
        await deletes.Reached.WaitAsync(Patience);

        tagWrite.Release();
        var manifest = await push.WaitAsync(Patience);
        deletes.Release();
        await run.WaitAsync(Patience);

        Assert.Equal(manifest, (await _store.Manifests.GetAsync(A, Reference.Parse(V1.Value), default)).Digest);
        foreach (var digest in new[] { manifest, config, layer })
        {
            Assert.True(await _store.Blobs.ExistsAsync(digest, default), $"{digest} is gone after the push was acknowledged");
        }

        var next = await _store.Collector.RunAsync(dryRun: false, default);
        Assert.Equal(0, next.BlobsDeleted + next.ManifestsDeleted);
    }

    public void Dispose() => _store.Dispose();

    private static bool IsTagWrite(StorageCall call) =>
        call.Operation == StorageOperation.PutContent && call.Path == RegistryLayout.TagCurrentLink(A, V1);
}
