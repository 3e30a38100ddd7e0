using Berth.Storage.Caching;
using Berth.Storage.Conformance;
using Berth.Storage.Filesystem;
using Berth.Storage.Tests.Decorators;

namespace Berth.Storage.Tests.Conformance;

/// <summary>
/// The cache decorator over the filesystem driver, with every path treated as immutable (cached) so each write, move
/// and delete of the suite must evict what it touches. Both "nodes" share the one cache, as requests of one process do.
/// </summary>
public sealed class CachingConformanceTests : StorageDriverConformanceTests, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("berth-cache-conformance-").FullName;
    private readonly MetricsRecorder _recorder = new();
    private readonly CachingStorageDriver _driver;

    public CachingConformanceTests() =>
        _driver = new CachingStorageDriver(
            new FilesystemStorageDriver(_directory),
            new PredicateImmutablePathPolicy(_ => true),
            new StorageCacheOptions(),
            _recorder.Metrics);

    protected override IStorageDriver CreateDriver() => _driver;

    protected override Task AssertNothingLeftUnderAsync(string root)
    {
        Assert.Empty(Directory.EnumerateFileSystemEntries(_directory));
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _recorder.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
