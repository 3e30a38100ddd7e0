using Berth.Storage.SharedReads;

namespace Berth.Storage.Tests.SharedReads;

/// <summary>
/// The shared-read tests with spools in memory (the default for objects up to
/// <see cref="SharedReadOptions.MaxMemoryObjectBytes"/>), and the bounds that send an object to a file instead.
/// </summary>
public sealed class SharedReadInMemoryTests : SharedReadTests
{
    private const string OtherBlob = "/blobs/sha256/cd/cdef01/data";

    [Fact]
    public async Task ASmallObject_SpoolsInMemory_WithNoFile_AndTheMemoryIsGivenBack()
    {
        await StoreAsync(Blob, Content);
        Store.Tap.HoldAt(1024 * 1024);
        var reads = new[] { await Driver.OpenReadAsync(Blob, 0, CancellationToken.None), await Driver.OpenReadAsync(Blob, 0, CancellationToken.None) };

        Assert.Empty(Directory.GetFiles(SpoolDirectory));
        Assert.Equal(Size, Driver.MemorySpooledBytes);
        Assert.Equal(Size, Driver.SpooledBytes);
        Store.Tap.Open();
        Assert.All(await Task.WhenAll(reads.Select(ReadToEndAsync)), body => Assert.Equal(Content, body));
        Assert.Equal(1, Store.Opens);
        await DisposeAllAsync(reads);
        await AssertSpoolGoneAsync();
        Assert.Equal(0, Driver.MemorySpooledBytes);
    }

    [Fact]
    public async Task OnceTheMemoryBoundIsReached_TheNextObjectSpoolsToAFile()
    {
        await StoreAsync(Blob, Content);
        await StoreAsync(OtherBlob, Content);
        Driver = Create(new SharedReadOptions { MaxMemoryBytes = Size });
        Store.Tap.HoldAt(1024 * 1024);
        var first = await Driver.OpenReadAsync(Blob, 0, CancellationToken.None);
        var second = await Driver.OpenReadAsync(OtherBlob, 0, CancellationToken.None);

        Assert.Equal(Size, Driver.MemorySpooledBytes);
        Assert.Equal(2 * Size, Driver.SpooledBytes);
        Assert.Single(Directory.GetFiles(SpoolDirectory));
        Store.Tap.Open();
        Assert.Equal(Content, await ReadToEndAsync(first));
        Assert.Equal(Content, await ReadToEndAsync(second));
        await DisposeAllAsync([first, second]);
        await AssertSpoolGoneAsync();
    }

    [Fact]
    public async Task AnObjectOverTheInMemorySize_SpoolsToAFile()
    {
        await StoreAsync(Blob, Content);
        Driver = Create(new SharedReadOptions { MaxMemoryObjectBytes = Size - 1 });
        Store.Tap.HoldAt(1024 * 1024);
        var read = await Driver.OpenReadAsync(Blob, 0, CancellationToken.None);

        Assert.Equal(0, Driver.MemorySpooledBytes);
        Assert.Single(Directory.GetFiles(SpoolDirectory));
        Store.Tap.Open();
        Assert.Equal(Content, await ReadToEndAsync(read));
        await read.DisposeAsync();
        await AssertSpoolGoneAsync();
    }

    protected override void Configure(SharedReadOptions options)
    {
    }
}
