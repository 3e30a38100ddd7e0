using Berth.Storage.Caching;
using Berth.Storage.InMemory;

namespace Berth.Storage.Tests.Decorators;

public sealed class CachingStorageDriverTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly MetricsRecorder _recorder = new();
    private readonly CountingStorageDriver _inner = new(new InMemoryStorageDriver());
    private readonly CachingStorageDriver _driver;

    public CachingStorageDriverTests() =>
        _driver = new CachingStorageDriver(
            _inner,
            new PredicateImmutablePathPolicy(path => path.StartsWith("/blobs/", StringComparison.Ordinal)),
            new StorageCacheOptions { MaxBytes = 1000, MaxEntryBytes = 400 },
            _recorder.Metrics);

    [Fact]
    public async Task GetContent_OfAnImmutablePathTwice_ReadsTheStoreOnce()
    {
        await _inner.PutContentAsync("/blobs/a", new byte[] { 1, 2, 3 }, None);

        Assert.Equal(new byte[] { 1, 2, 3 }, await _driver.GetContentAsync("/blobs/a", None));
        Assert.Equal(new byte[] { 1, 2, 3 }, await _driver.GetContentAsync("/blobs/a", None));

        Assert.Equal(1, _inner.CallsTo("get"));
        Assert.Equal(1, _recorder.Sum("berth.storage.cache.lookups", ("result", "hit")));
        Assert.Equal(1, _recorder.Sum("berth.storage.cache.lookups", ("result", "miss")));
    }

    [Fact]
    public async Task GetContent_OfAMutablePath_AlwaysReadsTheStore()
    {
        await _inner.PutContentAsync("/tags/latest", new byte[] { 1 }, None);
        await _driver.GetContentAsync("/tags/latest", None);
        await _inner.PutContentAsync("/tags/latest", new byte[] { 2 }, None);

        Assert.Equal(new byte[] { 2 }, await _driver.GetContentAsync("/tags/latest", None));
        Assert.Equal(2, _inner.CallsTo("get"));
        Assert.Equal(0, _driver.CachedBytes);
    }

    [Fact]
    public async Task GetContent_ReturnsACopyTheCallerMayChange()
    {
        await _inner.PutContentAsync("/blobs/a", new byte[] { 1, 2, 3 }, None);
        var first = await _driver.GetContentAsync("/blobs/a", None);
        first[0] = 99;

        Assert.Equal(new byte[] { 1, 2, 3 }, await _driver.GetContentAsync("/blobs/a", None));
    }

    [Fact]
    public async Task Objects_LargerThanMaxEntryBytes_AreNotCached()
    {
        await _inner.PutContentAsync("/blobs/big", new byte[401], None);

        await _driver.GetContentAsync("/blobs/big", None);
        await _driver.GetContentAsync("/blobs/big", None);

        Assert.Equal(2, _inner.CallsTo("get"));
    }

    [Fact]
    public async Task Cache_BeyondMaxBytes_EvictsTheLeastRecentlyUsed()
    {
        foreach (var name in new[] { "a", "b", "c", "d" })
        {
            await _inner.PutContentAsync("/blobs/" + name, new byte[300], None);
        }

        foreach (var name in new[] { "a", "b", "c", "a", "d" })
        {
            await _driver.GetContentAsync("/blobs/" + name, None);
        }

        var reads = _inner.CallsTo("get");
        foreach (var name in new[] { "a", "c", "d" })
        {
            await _driver.GetContentAsync("/blobs/" + name, None);
        }

        Assert.Equal(reads, _inner.CallsTo("get"));
        await _driver.GetContentAsync("/blobs/b", None);
        Assert.Equal(reads + 1, _inner.CallsTo("get"));
        Assert.Equal(900, _driver.CachedBytes);
    }

    [Fact]
    public async Task Writes_MovesAndDeletesThroughTheDecorator_EvictWhatTheyTouch()
    {
        await _driver.PutContentAsync("/blobs/x", new byte[] { 1 }, None);
        await _driver.GetContentAsync("/blobs/x", None);
        await _driver.PutContentAsync("/blobs/x", new byte[] { 2 }, None);
        Assert.Equal(new byte[] { 2 }, await _driver.GetContentAsync("/blobs/x", None));

        await using (var writer = await _driver.CreateWriterAsync("/blobs/x", append: false, None))
        {
            await writer.WriteAsync(new byte[] { 3 }, None);
            await _driver.GetContentAsync("/blobs/x", None);
            await writer.CommitAsync(None);
        }

        Assert.Equal(new byte[] { 3 }, await _driver.GetContentAsync("/blobs/x", None));

        await _driver.PutContentAsync("/blobs/y", new byte[] { 4 }, None);
        await _driver.MoveAsync("/blobs/y", "/blobs/x", None);
        Assert.Equal(new byte[] { 4 }, await _driver.GetContentAsync("/blobs/x", None));

        await _driver.DeleteAsync("/blobs", None);
        await Assert.ThrowsAsync<StorageNotFoundException>(() => _driver.GetContentAsync("/blobs/x", None));
        Assert.Equal(0, _driver.CachedBytes);
    }

    public void Dispose() => _recorder.Dispose();
}
