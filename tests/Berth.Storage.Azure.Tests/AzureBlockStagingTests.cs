using System.Security.Cryptography;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace Berth.Storage.Azure.Tests;

/// <summary>How the driver lays uploads out in Azure Blob Storage: blocks on a private staging blob, then a copy.</summary>
public sealed class AzureBlockStagingTests : IAsyncLifetime
{
    private const int BlockSize = 64 * 1024;
    private readonly string _prefix = "staging-" + Guid.NewGuid().ToString("N")[..12];
    private AzureBlobStorageDriver _driver = null!;

    public Task InitializeAsync()
    {
        _driver = AzureTestEnvironment.CreateDriver(AzureTestEnvironment.Options(_prefix, o => o.BlockSize = BlockSize));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _driver.DeleteAsync("/", CancellationToken.None);
        Assert.Empty(await AzureTestEnvironment.StagingBlobsAsync(_driver, _prefix + "/"));
        _driver.Dispose();
    }

    [Fact]
    public async Task Close_CommitsBlocksOnAPrivateStagingBlobAndAppendContinuesTheBlockList()
    {
        var content = RandomNumberGenerator.GetBytes((3 * BlockSize) + 500);
        await using (var writer = await _driver.CreateWriterAsync("/uploads/u/data", append: false, CancellationToken.None))
        {
            await writer.WriteAsync(content.AsMemory(0, (2 * BlockSize) + 100), CancellationToken.None);
            await writer.CloseAsync(CancellationToken.None);
        }

        await Assert.ThrowsAsync<StorageNotFoundException>(() => _driver.StatAsync("/uploads/u/data", CancellationToken.None));
        var staging = Assert.Single(await AzureTestEnvironment.StagingBlobsAsync(_driver, _prefix + "/blocks/uploads/u/data/"));
        Assert.Equal([BlockSize, BlockSize, 100], await CommittedBlockSizesAsync(staging));

        await using (var writer = await _driver.CreateWriterAsync("/uploads/u/data", append: true, CancellationToken.None))
        {
            Assert.Equal((2 * BlockSize) + 100, writer.Size);
            await writer.WriteAsync(content.AsMemory((2 * BlockSize) + 100), CancellationToken.None);
            await writer.CloseAsync(CancellationToken.None);
        }

        Assert.Equal([BlockSize, BlockSize, 100, BlockSize, 400], await CommittedBlockSizesAsync(staging));
        await using (var writer = await _driver.CreateWriterAsync("/uploads/u/data", append: true, CancellationToken.None))
        {
            await writer.CommitAsync(CancellationToken.None);
        }

        Assert.Equal(content, await _driver.GetContentAsync("/uploads/u/data", CancellationToken.None));
        Assert.Empty(await AzureTestEnvironment.StagingBlobsAsync(_driver, _prefix + "/"));
    }

    [Fact]
    public async Task Cancel_DeletesTheStagingBlobAndThePendingRecord()
    {
        await using (var writer = await _driver.CreateWriterAsync("/uploads/c/data", append: false, CancellationToken.None))
        {
            await writer.WriteAsync(RandomNumberGenerator.GetBytes(BlockSize + 1), CancellationToken.None);
            await writer.CloseAsync(CancellationToken.None);
        }

        Assert.Equal(2, (await AzureTestEnvironment.StagingBlobsAsync(_driver, _prefix + "/")).Count);
        await using (var writer = await _driver.CreateWriterAsync("/uploads/c/data", append: true, CancellationToken.None))
        {
            await writer.WriteAsync(new byte[10], CancellationToken.None);
            await writer.CancelAsync(CancellationToken.None);
        }

        Assert.Empty(await AzureTestEnvironment.StagingBlobsAsync(_driver, _prefix + "/"));
    }

    [Fact]
    public async Task Move_CopiesServerSideAndRemovesTheSource()
    {
        var content = RandomNumberGenerator.GetBytes((5 * BlockSize) + 3);
        await using (var writer = await _driver.CreateWriterAsync("/uploads/m/data", append: false, CancellationToken.None))
        {
            await writer.WriteAsync(content, CancellationToken.None);
            await writer.CommitAsync(CancellationToken.None);
        }

        await _driver.MoveAsync("/uploads/m/data", "/blobs/m/data", CancellationToken.None);

        var properties = (await _driver.Container.GetBlobClient(_prefix + "/blobs/m/data").GetPropertiesAsync()).Value;
        Assert.Equal(CopyStatus.Success, properties.CopyStatus);
        Assert.Equal(content.Length, properties.ContentLength);
        Assert.Equal(content, await _driver.GetContentAsync("/blobs/m/data", CancellationToken.None));
        await Assert.ThrowsAsync<StorageNotFoundException>(() => _driver.StatAsync("/uploads/m/data", CancellationToken.None));
    }

    [Fact]
    public async Task GetRedirectUrl_WithoutSasEnabled_IsNull()
    {
        await _driver.PutContentAsync("/object", new byte[] { 1 }, CancellationToken.None);

        Assert.Null(await _driver.GetRedirectUrlAsync("/object", CancellationToken.None));
    }

    private async Task<List<long>> CommittedBlockSizesAsync(string stagingName)
    {
        var list = await _driver.Staging.GetBlockBlobClient(stagingName).GetBlockListAsync(BlockListTypes.Committed);
        return [.. list.Value.CommittedBlocks.Select(b => b.SizeLong)];
    }
}
