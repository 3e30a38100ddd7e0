using Berth.Storage.InMemory;
using Berth.Storage.Instrumentation;

namespace Berth.Storage.Tests.Decorators;

public sealed class InstrumentedStorageDriverTests : IDisposable
{
    private readonly MetricsRecorder _recorder = new();
    private readonly CountingStorageDriver _inner = new(new InMemoryStorageDriver());
    private readonly InstrumentedStorageDriver _driver;

    public InstrumentedStorageDriverTests() => _driver = new InstrumentedStorageDriver(_inner, _recorder.Metrics);

    [Fact]
    public async Task Operations_AreCountedTimedAndTheirBytesSummedByDriverAndOperation()
    {
        await _driver.PutContentAsync("/a/b", new byte[100], CancellationToken.None);
        await _driver.GetContentAsync("/a/b", CancellationToken.None);
        await using (var read = await _driver.OpenReadAsync("/a/b", 40, CancellationToken.None))
        {
            Assert.Equal(100, read.Size);
            await read.Content.CopyToAsync(Stream.Null);
        }

        await using (var writer = await _driver.CreateWriterAsync("/a/c", append: false, CancellationToken.None))
        {
            await writer.WriteAsync(new byte[7], CancellationToken.None);
            await writer.CommitAsync(CancellationToken.None);
        }

        Assert.Equal(1, _recorder.Sum("berth.storage.operations", ("driver", "inmemory"), ("operation", "put_content")));
        Assert.Equal(1, _recorder.Sum("berth.storage.operations", ("operation", "get_content")));
        Assert.Equal(1, _recorder.Sum("berth.storage.operations", ("operation", "writer_commit")));
        Assert.Equal(1, _recorder.Count("berth.storage.operation.duration", ("driver", "inmemory"), ("operation", "open_read")));
        Assert.Equal(107, _recorder.Sum("berth.storage.bytes", ("direction", "write")));
        Assert.Equal(160, _recorder.Sum("berth.storage.bytes", ("direction", "read")));
        Assert.Equal(0, _recorder.Count("berth.storage.errors"));
    }

    [Fact]
    public async Task FailedOperations_AreCountedAsErrorsByType()
    {
        await Assert.ThrowsAsync<StorageNotFoundException>(() => _driver.StatAsync("/missing", CancellationToken.None));
        await Assert.ThrowsAsync<StorageNotFoundException>(async () =>
        {
            await foreach (var _ in _driver.ListAsync("/missing", CancellationToken.None))
            {
            }
        });

        Assert.Equal(1, _recorder.Sum("berth.storage.errors", ("operation", "stat"), ("error.type", "not_found")));
        Assert.Equal(1, _recorder.Sum("berth.storage.errors", ("operation", "list"), ("error.type", "not_found")));
    }

    [Theory]
    [InlineData("/../escape")]
    [InlineData("relative")]
    [InlineData("/a//b")]
    [InlineData("/caf\u00e9")]
    public async Task InvalidPaths_NeverReachTheInnerDriver(string path)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _driver.PutContentAsync(path, new byte[1], CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => _driver.MoveAsync("/ok", path, CancellationToken.None));
        Assert.Throws<ArgumentException>(() => _driver.ListAsync(path, CancellationToken.None));

        Assert.Empty(_inner.Calls);
    }

    [Fact]
    public void Unwrap_FindsTheDriverUnderTheDecorators()
    {
        Assert.IsType<InMemoryStorageDriver>(new InstrumentedStorageDriver(new InMemoryStorageDriver(), _recorder.Metrics).Unwrap<InMemoryStorageDriver>());
        Assert.Null(_driver.Unwrap<InMemoryStorageDriver>());
        Assert.Same(_inner, _driver.Unwrap<CountingStorageDriver>());
    }

    public void Dispose() => _recorder.Dispose();
}
