using Berth.Storage.Caching;
using Berth.Storage.InMemory;
using Berth.Storage.SharedReads;
using Berth.Storage.Tests.Decorators;
using Microsoft.Extensions.Logging.Abstractions;

namespace Berth.Storage.Tests.SharedReads;

/// <summary>
/// Concurrent reads of one immutable object share one fetch from the store (docs/storage.md, "Shared reads"). The
/// store is held, failed or cut short by a <see cref="Tap"/> at a position the test chooses, so every interleaving
/// here is forced, never raced. Every test runs with the spool in a file (<see cref="SharedReadOnDiskTests"/>) and in
/// memory (<see cref="SharedReadInMemoryTests"/>).
/// </summary>
public abstract class SharedReadTests : IDisposable
{
    protected const string Blob = "/blobs/sha256/ab/abcdef/data";
    protected const int Size = 3 * 1024 * 1024 + 17;
    private const string SpoolPrefix = "berth-read-";

    private readonly MetricsRecorder _metrics = new();
    private SharingStorageDriver? _driver;

    protected string SpoolDirectory { get; } = Directory.CreateTempSubdirectory("berth-shared-reads-").FullName;

    private protected TappedStorageDriver Store { get; } = new(new InMemoryStorageDriver(TimeProvider.System));

    protected byte[] Content { get; } = RandomBytes(Size);

    protected SharingStorageDriver Driver
    {
        get => _driver ??= Create(new SharedReadOptions());
        set => _driver = value;
    }

    [Fact]
    public async Task ManyConcurrentReaders_GetIdenticalBytes_FromOneStoreStream()
    {
        await StoreAsync(Blob, Content);
        Store.Tap.HoldAt(0);

        var reads = new List<StorageRead>();
        for (var i = 0; i < 20; i++)
        {
            reads.Add(await Driver.OpenReadAsync(Blob, 0, CancellationToken.None));
        }

        Store.Tap.Open();
        var bodies = await Task.WhenAll(reads.Select(ReadToEndAsync));

        Assert.Equal(1, Store.Opens);
        Assert.All(reads, r => Assert.Equal(Size, r.Size));
        Assert.All(bodies, body => Assert.Equal(Content, body));
        Assert.Equal(1, _metrics.Sum("berth.storage.shared_reads", ("result", "fetched")));
        Assert.Equal(19, _metrics.Sum("berth.storage.shared_reads", ("result", "joined")));
        await DisposeAllAsync(reads);
        await AssertSpoolGoneAsync();
    }

    [Fact]
    public async Task ReadersArrivingMidFetch_AndAfterIt_GetTheWholeObject_FromTheSameFetch()
    {
        await StoreAsync(Blob, Content);
        Store.Tap.HoldAt(1024 * 1024);
        var first = await Driver.OpenReadAsync(Blob, 0, CancellationToken.None);
        var head = new byte[1024 * 1024 - 1];
        await first.Content.ReadExactlyAsync(head);

        var middle = await Driver.OpenReadAsync(Blob, 0, CancellationToken.None);
        Store.Tap.Open();
        var rest = await ReadToEndAsync(first);
        var late = await Driver.OpenReadAsync(Blob, 0, CancellationToken.None);

        Assert.Equal(Content, head.Concat(rest).ToArray());
        Assert.Equal(Content, await ReadToEndAsync(middle));
        Assert.Equal(Content, await ReadToEndAsync(late));
        Assert.Equal(1, Store.Opens);
        await DisposeAllAsync([first, middle, late]);
        await AssertSpoolGoneAsync();
    }

    [Fact]
    public async Task ARangeRead_FollowsTheFetchInFlightFromItsOffset_AndWithoutOneReadsTheStore()
    {
        await StoreAsync(Blob, Content);
        Store.Tap.HoldAt(0);
        var whole = await Driver.OpenReadAsync(Blob, 0, CancellationToken.None);
        var ranged = await Driver.OpenReadAsync(Blob, 2_000_000, CancellationToken.None);
        Store.Tap.Open();

        Assert.Equal(Size, ranged.Size);
        Assert.Equal(Content[2_000_000..], await ReadToEndAsync(ranged));
        Assert.Equal(1, Store.Opens);
        Assert.Equal(Content, await ReadToEndAsync(whole));
        await DisposeAllAsync([whole, ranged]);
        await AssertSpoolGoneAsync();

        await using var alone = await Driver.OpenReadAsync(Blob, 3_000_000, CancellationToken.None);
        Assert.Equal(Content[3_000_000..], await ReadToEndAsync(alone));
        Assert.Equal(2, Store.Opens);
        Assert.Equal(0, Driver.FetchesInFlight);
    }

    [Fact]
    public async Task AStoreFailingMidStream_FailsEveryReader_NoneGetsAWholeBody()
    {
        await StoreAsync(Blob, Content);
        Store.Tap.HoldAt(2 * 1024 * 1024);
        var reads = new List<StorageRead>();
        for (var i = 0; i < 5; i++)
        {
            reads.Add(await Driver.OpenReadAsync(Blob, 0, CancellationToken.None));
        }

        var readers = reads.Select(CountUntilFailureAsync).ToArray();
        Store.Tap.Fail(new IOException("connection reset by the store"));

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
        Store.Tap.Open();
        await using var retry = await Driver.OpenReadAsync(Blob, 0, CancellationToken.None);
        Assert.Equal(Content, await ReadToEndAsync(retry));
        Assert.Equal(2, Store.Opens);
    }

    [Fact]
    public async Task AStoreStreamEndingShort_IsAnErrorForEveryReader_NotAShortWholeBody()
    {
        await StoreAsync(Blob, Content);
        Store.Tap.HoldAt(Size - 1);
        var reads = new List<StorageRead>();
        for (var i = 0; i < 3; i++)
        {
            reads.Add(await Driver.OpenReadAsync(Blob, 0, CancellationToken.None));
        }

        var readers = reads.Select(CountUntilFailureAsync).ToArray();
        Store.Tap.EndEarly();

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
        await StoreAsync(Blob, Content);
        Store.Tap.HoldAt(1024 * 1024);
        using var firstClient = new CancellationTokenSource();
        var first = await Driver.OpenReadAsync(Blob, 0, firstClient.Token);
        var second = await Driver.OpenReadAsync(Blob, 0, CancellationToken.None);
        var buffer = new byte[Size];
        await first.Content.ReadExactlyAsync(buffer.AsMemory(0, 1000), firstClient.Token);
        var blocked = first.Content.ReadExactlyAsync(buffer.AsMemory(1000, Size - 1000), firstClient.Token).AsTask();

        await firstClient.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => blocked);
        await first.DisposeAsync();
        Store.Tap.Open();

        Assert.Equal(Content, await ReadToEndAsync(second));
        Assert.Equal(1, Store.Opens);
        await second.DisposeAsync();
        await AssertSpoolGoneAsync();
    }

    [Fact]
    public async Task EveryReaderLeaving_StopsTheFetch_AndTheNextReaderStartsAgain()
    {
        await StoreAsync(Blob, Content);
        Store.Tap.HoldAt(1024 * 1024);
        var reads = new List<StorageRead>();
        for (var i = 0; i < 3; i++)
        {
            reads.Add(await Driver.OpenReadAsync(Blob, 0, CancellationToken.None));
        }

        await DisposeAllAsync(reads);
        await AssertSpoolGoneAsync();

        Store.Tap.Open();
        await using var again = await Driver.OpenReadAsync(Blob, 0, CancellationToken.None);
        Assert.Equal(Content, await ReadToEndAsync(again));
        Assert.Equal(2, Store.Opens);
    }

    [Fact]
    public async Task AMissingObject_IsNotFoundForEveryReader_AndIsReadOnceItExists()
    {
        var readers = Enumerable.Range(0, 4).Select(_ => Driver.OpenReadAsync(Blob, 0, CancellationToken.None)).ToArray();
        foreach (var reader in readers)
        {
            await Assert.ThrowsAsync<StorageNotFoundException>(() => reader);
        }

        await StoreAsync(Blob, Content);
        var read = await Driver.OpenReadAsync(Blob, 0, CancellationToken.None);
        Assert.Equal(Content, await ReadToEndAsync(read));
        await read.DisposeAsync();
        await AssertSpoolGoneAsync();
    }

    [Fact]
    public async Task SmallObjects_AndObjectsOverTheSpoolBound_AreReadStraightFromTheStore()
    {
        var small = RandomBytes(100 * 1024);
        await StoreAsync("/blobs/sha256/cd/small/data", small);
        await StoreAsync(Blob, Content);
        Driver = Create(new SharedReadOptions { MaxSpoolBytes = Size - 1 });

        foreach (var (path, content) in new[] { ("/blobs/sha256/cd/small/data", small), (Blob, Content) })
        {
            await using var one = await Driver.OpenReadAsync(path, 0, CancellationToken.None);
            await using var two = await Driver.OpenReadAsync(path, 0, CancellationToken.None);
            Assert.Equal(content, await ReadToEndAsync(one));
            Assert.Equal(content, await ReadToEndAsync(two));
            Assert.Empty(Directory.GetFiles(SpoolDirectory));
        }

        Assert.Equal(4, Store.Opens);
        Assert.Equal(4, _metrics.Sum("berth.storage.shared_reads", ("result", "direct")));
    }

    [Fact]
    public async Task MutablePaths_AreNeverShared()
    {
        await StoreAsync("/repositories/a/_manifests/tags/latest/current/link", Content);
        Store.Tap.HoldAt(0);
        await using var one = await Driver.OpenReadAsync("/repositories/a/_manifests/tags/latest/current/link", 0, CancellationToken.None);
        await using var two = await Driver.OpenReadAsync("/repositories/a/_manifests/tags/latest/current/link", 0, CancellationToken.None);

        Assert.Equal(2, Store.Opens);
        Assert.Equal(0, Driver.FetchesInFlight);
    }

    [Fact]
    public void SpoolFilesLeftByAnEarlierRun_AreRemovedAtStart_OtherFilesKept()
    {
        File.WriteAllText(Path.Combine(SpoolDirectory, SpoolPrefix + "left-by-a-crash"), "x");
        File.WriteAllText(Path.Combine(SpoolDirectory, "not-a-spool"), "x");

        _ = Driver;

        Assert.Equal([Path.Combine(SpoolDirectory, "not-a-spool")], Directory.GetFiles(SpoolDirectory));
    }

    public void Dispose()
    {
        _metrics.Dispose();
        Directory.Delete(SpoolDirectory, recursive: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Sets where this class's spools go (a file or memory) on options a test may have set otherwise.</summary>
    protected abstract void Configure(SharedReadOptions options);

    protected SharingStorageDriver Create(SharedReadOptions options)
    {
        Configure(options);
        return new(Store, new PredicateImmutablePathPolicy(p => p.StartsWith("/blobs/", StringComparison.Ordinal)), options, SpoolDirectory, _metrics.Metrics, NullLogger.Instance);
    }

    protected Task StoreAsync(string path, byte[] content) => Store.PutContentAsync(path, content, CancellationToken.None);

    /// <summary>The spool file goes and its bytes are released once the fetch and every reader are done (the fetch ends on its own task).</summary>
    protected async Task AssertSpoolGoneAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while ((Directory.GetFiles(SpoolDirectory).Length > 0 || Driver.SpooledBytes != 0 || Driver.FetchesInFlight != 0) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Empty(Directory.GetFiles(SpoolDirectory));
        Assert.Equal(0, Driver.SpooledBytes);
        Assert.Equal(0, Driver.FetchesInFlight);
    }

    protected static async Task<byte[]> ReadToEndAsync(StorageRead read)
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

    protected static async Task DisposeAllAsync(IEnumerable<StorageRead> reads)
    {
        foreach (var read in reads)
        {
            await read.DisposeAsync();
        }
    }

    protected static byte[] RandomBytes(int size)
    {
        var bytes = new byte[size];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }
}
