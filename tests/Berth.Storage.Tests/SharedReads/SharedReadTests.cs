using Berth.Storage.Caching;
using Berth.Storage.InMemory;
using Berth.Storage.SharedReads;
using Berth.Storage.Tests.Decorators;
using Microsoft.Extensions.Logging.Abstractions;

namespace Berth.Storage.Tests.SharedReads;

/// <summary>
/// Concurrent reads of one immutable object share one fetch from the store (docs/storage.md, "Shared reads"). The
/// store is held, failed or cut short by a <see cref="Tap"/> at a position the test chooses, so every interleaving
/// here is forced, never raced.
/// </summary>
public sealed class SharedReadTests : IDisposable
{
    private const string Blob = "/blobs/sha256/ab/abcdef/data";
    private const int Size = 3 * 1024 * 1024 + 17;
    private const string SpoolPrefix = "berth-read-";

    private readonly string _spool = Directory.CreateTempSubdirectory("berth-shared-reads-").FullName;
    private readonly TappedStorageDriver _store = new(new InMemoryStorageDriver(TimeProvider.System));
    private readonly MetricsRecorder _metrics = new();
    private readonly byte[] _content = RandomBytes(Size);
    private SharingStorageDriver? _driver;

    private SharingStorageDriver Driver => _driver ??= Create(new SharedReadOptions());

    [Fact]
    public async Task ManyConcurrentReaders_GetIdenticalBytes_FromOneStoreStream()
    {
        await StoreAsync(Blob, _content);
        _store.Tap.HoldAt(0);

        var reads = new List<StorageRead>();
        for (var i = 0; i < 20; i++)
        {
            reads.Add(await Driver.OpenReadAsync(Blob, 0, CancellationToken.None));
        }

        _store.Tap.Open();
        var bodies = await Task.WhenAll(reads.Select(ReadToEndAsync));

        Assert.Equal(1, _store.Opens);
        Assert.All(reads, r => Assert.Equal(Size, r.Size));
        Assert.All(bodies, body => Assert.Equal(_content, body));
        Assert.Equal(1, _metrics.Sum("berth.storage.shared_reads", ("result", "fetched")));
        Assert.Equal(19, _metrics.Sum("berth.storage.shared_reads", ("result", "joined")));
        await DisposeAllAsync(reads);
        await AssertSpoolGoneAsync();
    }

    [Fact]
    public async Task ReadersArrivingMidFetch_AndAfterIt_GetTheWholeObject_FromTheSameFetch()
    {
        await StoreAsync(Blob, _content);
        _store.Tap.HoldAt(1024 * 1024);
        var first = await Driver.OpenReadAsync(Blob, 0, CancellationToken.None);
        var head = new byte[1024 * 1024 - 1];
        await first.Content.ReadExactlyAsync(head);

        var middle = await Driver.OpenReadAsync(Blob, 0, CancellationToken.None);
        _store.Tap.Open();
        var rest = await ReadToEndAsync(first);
        var late = await Driver.OpenReadAsync(Blob, 0, CancellationToken.None);

        Assert.Equal(_content, head.Concat(rest).ToArray());
        Assert.Equal(_content, await ReadToEndAsync(middle));
        Assert.Equal(_content, await ReadToEndAsync(late));
        Assert.Equal(1, _store.Opens);
        await DisposeAllAsync([first, middle, late]);
        await AssertSpoolGoneAsync();
    }

    [Fact]
    public async Task ARangeRead_FollowsTheFetchInFlightFromItsOffset_AndWithoutOneReadsTheStore()
    {
        await StoreAsync(Blob, _content);
        _store.Tap.HoldAt(0);
        var whole = await Driver.OpenReadAsync(Blob, 0, CancellationToken.None);
        var ranged = await Driver.OpenReadAsync(Blob, 2_000_000, CancellationToken.None);
        _store.Tap.Open();

        Assert.Equal(Size, ranged.Size);
        Assert.Equal(_content[2_000_000..], await ReadToEndAsync(ranged));
        Assert.Equal(1, _store.Opens);
        Assert.Equal(_content, await ReadToEndAsync(whole));
        await DisposeAllAsync([whole, ranged]);
        await AssertSpoolGoneAsync();

        await using var alone = await Driver.OpenReadAsync(Blob, 3_000_000, CancellationToken.None);
        Assert.Equal(_content[3_000_000..], await ReadToEndAsync(alone));
        Assert.Equal(2, _store.Opens);
        Assert.Equal(0, Driver.FetchesInFlight);
    }

    [Fact]
    public async Task AStoreFailingMidStream_FailsEveryReader_NoneGetsAWholeBody()
    {
        await StoreAsync(Blob, _content);
        _store.Tap.HoldAt(2 * 1024 * 1024);
        var reads = new List<StorageRead>();
        for (var i = 0; i < 5; i++)
        {
            reads.Add(await Driver.OpenReadAsync(Blob, 0, CancellationToken.None));
        }

        var readers = reads.Select(CountUntilFailureAsync).ToArray();
        _store.Tap.Fail(new IOException("connection reset by the store"));

        foreach (var reader in readers)
        {
            var (count, failure) = await reader;
            Assert.IsType<IOException>(failure);
            Assert.Contains("connection reset by the store", failure.Message + failure.InnerException?.Message, StringComparison.Ordinal);
            Assert.True(count < Size, $"a reader got {count} of {Size} bytes before the failure");
        }

        await DisposeAllAsync(reads);
        await AssertSpoolGoneAsync();

        // The failed fetch is not joined again: the next reader starts its own and gets the object.
        _store.Tap.Open();
        await using var retry = await Driver.OpenReadAsync(Blob, 0, CancellationToken.None);
        Assert.Equal(_content, await ReadToEndAsync(retry));
        Assert.Equal(2, _store.Opens);
    }

    [Fact]
    public async Task AStoreStreamEndingShort_IsAnErrorForEveryReader_NotAShortWholeBody()
    {
        await StoreAsync(Blob, _content);
        _store.Tap.HoldAt(Size - 1);
        var reads = new List<StorageRead>();
        for (var i = 0; i < 3; i++)
        {
            reads.Add(await Driver.OpenReadAsync(Blob, 0, CancellationToken.None));
        }

        var readers = reads.Select(CountUntilFailureAsync).ToArray();
        _store.Tap.EndEarly();

        foreach (var reader in readers)
        {
            var (count, failure) = await reader;
            Assert.IsType<IOException>(failure);
            Assert.True(count < Size - 1, $"a reader got {count} bytes of a fetch cut at {Size - 1}");
        }

        await DisposeAllAsync(reads);
        await AssertSpoolGoneAsync();
    }

    [Fact]
    public async Task TheFirstReaderLeaving_DoesNotStopTheFetchForTheOthers()
    {
        await StoreAsync(Blob, _content);
        _store.Tap.HoldAt(1024 * 1024);
        using var firstClient = new CancellationTokenSource();
        var first = await Driver.OpenReadAsync(Blob, 0, firstClient.Token);
        var second = await Driver.OpenReadAsync(Blob, 0, CancellationToken.None);
        var buffer = new byte[Size];
        await first.Content.ReadExactlyAsync(buffer.AsMemory(0, 1000), firstClient.Token);
        var blocked = first.Content.ReadExactlyAsync(buffer.AsMemory(1000, Size - 1000), firstClient.Token).AsTask();

        await firstClient.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => blocked);
        await first.DisposeAsync();
        _store.Tap.Open();

        Assert.Equal(_content, await ReadToEndAsync(second));
        Assert.Equal(1, _store.Opens);
        await second.DisposeAsync();
        await AssertSpoolGoneAsync();
    }

    [Fact]
    public async Task EveryReaderLeaving_StopsTheFetch_AndTheNextReaderStartsAgain()
    {
        await StoreAsync(Blob, _content);
        _store.Tap.HoldAt(1024 * 1024);
        var reads = new List<StorageRead>();
        for (var i = 0; i < 3; i++)
        {
            reads.Add(await Driver.OpenReadAsync(Blob, 0, CancellationToken.None));
        }

        await DisposeAllAsync(reads);
        await AssertSpoolGoneAsync();

        _store.Tap.Open();
        await using var again = await Driver.OpenReadAsync(Blob, 0, CancellationToken.None);
        Assert.Equal(_content, await ReadToEndAsync(again));
        Assert.Equal(2, _store.Opens);
    }

    [Fact]
    public async Task AMissingObject_IsNotFoundForEveryReader_AndIsReadOnceItExists()
    {
        var readers = Enumerable.Range(0, 4).Select(_ => Driver.OpenReadAsync(Blob, 0, CancellationToken.None)).ToArray();
        foreach (var reader in readers)
        {
            await Assert.ThrowsAsync<StorageNotFoundException>(() => reader);
        }

        await StoreAsync(Blob, _content);
        var read = await Driver.OpenReadAsync(Blob, 0, CancellationToken.None);
        Assert.Equal(_content, await ReadToEndAsync(read));
        await read.DisposeAsync();
        await AssertSpoolGoneAsync();
    }

    [Fact]
    public async Task SmallObjects_AndObjectsOverTheSpoolBound_AreReadStraightFromTheStore()
    {
        var small = RandomBytes(100 * 1024);
        await StoreAsync("/blobs/sha256/cd/small/data", small);
        await StoreAsync(Blob, _content);
        _driver = Create(new SharedReadOptions { MaxSpoolBytes = Size - 1 });

        foreach (var (path, content) in new[] { ("/blobs/sha256/cd/small/data", small), (Blob, _content) })
        {
            await using var one = await Driver.OpenReadAsync(path, 0, CancellationToken.None);
            await using var two = await Driver.OpenReadAsync(path, 0, CancellationToken.None);
            Assert.Equal(content, await ReadToEndAsync(one));
            Assert.Equal(content, await ReadToEndAsync(two));
            Assert.Empty(Directory.GetFiles(_spool));
        }

        Assert.Equal(4, _store.Opens);
        Assert.Equal(4, _metrics.Sum("berth.storage.shared_reads", ("result", "direct")));
    }

    [Fact]
    public async Task MutablePaths_AreNeverShared()
    {
        await StoreAsync("/repositories/a/_manifests/tags/latest/current/link", _content);
        _store.Tap.HoldAt(0);
        await using var one = await Driver.OpenReadAsync("/repositories/a/_manifests/tags/latest/current/link", 0, CancellationToken.None);
        await using var two = await Driver.OpenReadAsync("/repositories/a/_manifests/tags/latest/current/link", 0, CancellationToken.None);

        Assert.Equal(2, _store.Opens);
        Assert.Equal(0, Driver.FetchesInFlight);
    }

    [Fact]
    public void SpoolFilesLeftByAnEarlierRun_AreRemovedAtStart_OtherFilesKept()
    {
        File.WriteAllText(Path.Combine(_spool, SpoolPrefix + "left-by-a-crash"), "x");
        File.WriteAllText(Path.Combine(_spool, "not-a-spool"), "x");

        _ = Driver;

        Assert.Equal([Path.Combine(_spool, "not-a-spool")], Directory.GetFiles(_spool));
    }

    public void Dispose()
    {
        _metrics.Dispose();
        Directory.Delete(_spool, recursive: true);
    }

    private SharingStorageDriver Create(SharedReadOptions options) =>
        new(_store, new PredicateImmutablePathPolicy(p => p.StartsWith("/blobs/", StringComparison.Ordinal)), options, _spool, _metrics.Metrics, NullLogger.Instance);

    private Task StoreAsync(string path, byte[] content) => _store.PutContentAsync(path, content, CancellationToken.None);

    /// <summary>The spool file goes and its bytes are released once the fetch and every reader are done (the fetch ends on its own task).</summary>
    private async Task AssertSpoolGoneAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while ((Directory.GetFiles(_spool).Length > 0 || Driver.SpooledBytes != 0 || Driver.FetchesInFlight != 0) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Empty(Directory.GetFiles(_spool));
        Assert.Equal(0, Driver.SpooledBytes);
        Assert.Equal(0, Driver.FetchesInFlight);
    }

    private static async Task<byte[]> ReadToEndAsync(StorageRead read)
    {
        using var copy = new MemoryStream();
        await read.Content.CopyToAsync(copy);
        return copy.ToArray();
    }

    private static async Task<(long Count, Exception Failure)> CountUntilFailureAsync(StorageRead read)
    {
        var buffer = new byte[64 * 1024];
        long count = 0;
        try
        {
            int n;
            while ((n = await read.Content.ReadAsync(buffer)) > 0)
            {
                count += n;
            }
        }
        catch (Exception e)
        {
            return (count, e);
        }

        throw new Xunit.Sdk.XunitException($"The read ended normally after {count} bytes.");
    }

    private static async Task DisposeAllAsync(IEnumerable<StorageRead> reads)
    {
        foreach (var read in reads)
        {
            await read.DisposeAsync();
        }
    }

    private static byte[] RandomBytes(int size)
    {
        var bytes = new byte[size];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }
}
