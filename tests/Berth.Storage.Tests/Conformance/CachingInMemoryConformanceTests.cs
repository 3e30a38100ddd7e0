using Berth.Storage.Caching;
using Berth.Storage.Conformance;
using Berth.Storage.InMemory;
using Berth.Storage.Tests.Decorators;

namespace Berth.Storage.Tests.Conformance;

/// <summary>
/// The cache decorator over the in-memory driver, whose writers commit straight to another path
/// (<see cref="IStorageWriter.TryCommitToAsync"/>), which the filesystem's do not: that commit must evict the destination.
/// </summary>
public sealed class CachingInMemoryConformanceTests : StorageDriverConformanceTests, IDisposable
{
    private readonly MetricsRecorder _recorder = new();
    private readonly CachingStorageDriver _driver;

    public CachingInMemoryConformanceTests() =>
        _driver = new CachingStorageDriver(new InMemoryStorageDriver(), new PredicateImmutablePathPolicy(_ => true), new StorageCacheOptions(), _recorder.Metrics);

    /// <summary>Both "nodes" share the one in-memory store.</summary>
    protected override bool KeepsAbandonedWrites => false;

    protected override IStorageDriver CreateDriver() => _driver;

    public void Dispose() => _recorder.Dispose();
}
