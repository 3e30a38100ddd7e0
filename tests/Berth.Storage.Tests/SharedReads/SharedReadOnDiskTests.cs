using Berth.Storage.SharedReads;

namespace Berth.Storage.Tests.SharedReads;

/// <summary>The shared-read tests with every spool in a file, as for objects above the in-memory sizes.</summary>
public sealed class SharedReadOnDiskTests : SharedReadTests
{
    [Fact]
    public async Task AFetch_SpoolsToAFileThatGoesWithItsLastReader()
    {
        await StoreAsync(Blob, Content);
        Store.Tap.HoldAt(1024 * 1024);
        var reads = new[] { await Driver.OpenReadAsync(Blob, 0, CancellationToken.None), await Driver.OpenReadAsync(Blob, 0, CancellationToken.None) };

        Assert.Single(Directory.GetFiles(SpoolDirectory));
        Assert.Equal(Size, Driver.SpooledBytes);
        Assert.Equal(0, Driver.MemorySpooledBytes);
        Store.Tap.Open();
        Assert.All(await Task.WhenAll(reads.Select(ReadToEndAsync)), body => Assert.Equal(Content, body));
        await DisposeAllAsync(reads);
        await AssertSpoolGoneAsync();
    }

    protected override void Configure(SharedReadOptions options) => options.MaxMemoryBytes = 0;
}
