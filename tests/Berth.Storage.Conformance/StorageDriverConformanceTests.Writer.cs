namespace Berth.Storage.Conformance;

public abstract partial class StorageDriverConformanceTests
{
    [Fact]
    public async Task Writer_Committed_MakesTheContentVisible()
    {
        var path = PathUnderRoot("uploads/1/data");
        var content = TestContent.Bytes(3000, 1);

        await using (var writer = await Driver.CreateWriterAsync(path, append: false, None))
        {
            await writer.WriteAsync(content.AsMemory(0, 1000), None);
            await writer.WriteAsync(content.AsMemory(1000), None);
            Assert.Equal(content.Length, writer.Size);
            await writer.CommitAsync(None);
            Assert.Equal(content.Length, writer.Size);
        }

        Assert.Equal(content, await Driver.GetContentAsync(path, None));
        Assert.Equal(content.Length, (await Driver.StatAsync(path, None)).Size);
    }

    [Fact]
    public async Task Writer_CommittedEmpty_CreatesAnEmptyObject()
    {
        var path = PathUnderRoot("empty");

        await using (var writer = await Driver.CreateWriterAsync(path, append: false, None))
        {
            await writer.CommitAsync(None);
        }

        Assert.Empty(await Driver.GetContentAsync(path, None));
        Assert.Equal(0, (await Driver.StatAsync(path, None)).Size);
    }

    [Fact]
    public async Task Writer_AfterCommit_RefusesWritesAndCloseIsHarmless()
    {
        var path = PathUnderRoot("done");
        await using var writer = await Driver.CreateWriterAsync(path, append: false, None);
        await writer.WriteAsync(new byte[] { 1, 2, 3 }, None);
        await writer.CommitAsync(None);

        await Assert.ThrowsAnyAsync<InvalidOperationException>(async () => await writer.WriteAsync(new byte[] { 4 }, None));
        await writer.CloseAsync(None);

        Assert.Equal(new byte[] { 1, 2, 3 }, await Driver.GetContentAsync(path, None));
    }

    [Fact]
    public async Task Writer_LargeContentInChunks_ReadsBackIdenticalAndAtOffsets()
    {
        var path = PathUnderRoot("large");
        byte[] written;
        await using (var writer = await Driver.CreateWriterAsync(path, append: false, None))
        {
            written = await TestContent.WriteAsync(writer, LargeContentSize, (1024 * 1024) + 7, seed: 42, None);
            Assert.Equal(LargeContentSize, writer.Size);
            await writer.CommitAsync(None);
        }

        Assert.Equal(LargeContentSize, (await Driver.StatAsync(path, None)).Size);
        await using (var read = await Driver.OpenReadAsync(path, 0, None))
        {
            var (length, sha256) = await TestContent.HashAsync(read.Content, None);
            Assert.Equal(LargeContentSize, read.Size);
            Assert.Equal(LargeContentSize, length);
            Assert.Equal(written, sha256);
        }

        foreach (var offset in new long[] { (5 * 1024 * 1024) - 3, LargeContentSize / 2, LargeContentSize - 10 })
        {
            await using var read = await Driver.OpenReadAsync(path, offset, None);
            var (length, _) = await TestContent.HashAsync(read.Content, None);
            Assert.Equal(LargeContentSize, read.Size);
            Assert.Equal(LargeContentSize - offset, length);
        }
    }

    [Theory]
    [InlineData(32)]
    [InlineData((6 * 1024 * 1024) + 5)]
    public async Task Writer_ClosedAndContinuedByNewWritersOnAnotherNode_CommitsTheWholeContent(int chunkSize)
    {
        var path = PathUnderRoot("uploads/resumed/data");
        var content = TestContent.Bytes(chunkSize * 3, chunkSize);
        var otherNode = CreateSecondDriver();

        var first = await Driver.CreateWriterAsync(path, append: false, None);
        await first.WriteAsync(content.AsMemory(0, chunkSize), None);
        await first.CloseAsync(None);
        Assert.Equal(chunkSize, first.Size);

        var second = await otherNode.CreateWriterAsync(path, append: true, None);
        Assert.Equal(chunkSize, second.Size);
        await second.WriteAsync(content.AsMemory(chunkSize, chunkSize), None);
        await second.CloseAsync(None);
        Assert.Equal(2 * chunkSize, second.Size);

        await using (var third = await Driver.CreateWriterAsync(path, append: true, None))
        {
            Assert.Equal(2 * chunkSize, third.Size);
            await third.WriteAsync(content.AsMemory(2 * chunkSize), None);
            await third.CommitAsync(None);
        }

        Assert.Equal(content, await otherNode.GetContentAsync(path, None));
    }

    [Fact]
    public async Task Writer_ClosedWithNothingWritten_CanBeContinued()
    {
        var path = PathUnderRoot("uploads/empty-start/data");
        await using (var writer = await Driver.CreateWriterAsync(path, append: false, None))
        {
            await writer.CloseAsync(None);
        }

        await using (var writer = await Driver.CreateWriterAsync(path, append: true, None))
        {
            Assert.Equal(0, writer.Size);
            await writer.WriteAsync(new byte[] { 9, 8, 7 }, None);
            await writer.CommitAsync(None);
        }

        Assert.Equal(new byte[] { 9, 8, 7 }, await Driver.GetContentAsync(path, None));
    }

    [Fact]
    public async Task Writer_DisposedWithoutClose_PersistsLikeClose()
    {
        var path = PathUnderRoot("uploads/disposed/data");
        await using (var writer = await Driver.CreateWriterAsync(path, append: false, None))
        {
            await writer.WriteAsync(new byte[] { 1, 2 }, None);
        }

        await using (var writer = await Driver.CreateWriterAsync(path, append: true, None))
        {
            Assert.Equal(2, writer.Size);
            await writer.WriteAsync(new byte[] { 3 }, None);
            await writer.CommitAsync(None);
        }

        Assert.Equal(new byte[] { 1, 2, 3 }, await Driver.GetContentAsync(path, None));
    }

    [Fact]
    public async Task Writer_AppendingWithNothingToContinue_ThrowsStorageNotFound()
    {
        await Assert.ThrowsAsync<StorageNotFoundException>(() => Driver.CreateWriterAsync(PathUnderRoot("uploads/none/data"), append: true, None));
    }

    [Fact]
    public async Task Writer_NewWithoutAppend_DiscardsWhatAnEarlierWriterLeft()
    {
        var path = PathUnderRoot("uploads/restarted/data");
        await using (var writer = await Driver.CreateWriterAsync(path, append: false, None))
        {
            await writer.WriteAsync(TestContent.Bytes(5000, 1), None);
            await writer.CloseAsync(None);
        }

        await using (var writer = await Driver.CreateWriterAsync(path, append: false, None))
        {
            Assert.Equal(0, writer.Size);
            await writer.WriteAsync(new byte[] { 5 }, None);
            await writer.CommitAsync(None);
        }

        Assert.Equal(new byte[] { 5 }, await Driver.GetContentAsync(path, None));
    }

    [Theory]
    [InlineData(32)]
    [InlineData((6 * 1024 * 1024) + 5)]
    public async Task FreshWriter_AtANewPath_IsClosedContinuedOnAnotherNodeAndCommittedLikeANewWriter(int chunkSize)
    {
        var path = PathUnderRoot("uploads/fresh/data");
        var content = TestContent.Bytes(chunkSize * 2, chunkSize);
        await using (var writer = await Driver.CreateFreshWriterAsync(path, None))
        {
            Assert.Equal(0, writer.Size);
            await writer.WriteAsync(content.AsMemory(0, chunkSize), None);
            await writer.CloseAsync(None);
        }

        var otherNode = CreateSecondDriver();
        Assert.Equal(chunkSize, await otherNode.GetAppendableSizeAsync(path, None));
        await using (var writer = await otherNode.CreateWriterAsync(path, append: true, None))
        {
            Assert.Equal(chunkSize, writer.Size);
            await writer.WriteAsync(content.AsMemory(chunkSize), None);
            await writer.CommitAsync(None);
        }

        Assert.Equal(content, await Driver.GetContentAsync(path, None));
        await Assert.ThrowsAsync<StorageNotFoundException>(() => Driver.CreateWriterAsync(path, append: true, None));
    }

    [Fact]
    public async Task FreshWriter_CommittedOrCancelled_LeavesTheContentOrNothing()
    {
        var committed = PathUnderRoot("uploads/fresh-committed/data");
        await using (var writer = await Driver.CreateFreshWriterAsync(committed, None))
        {
            await writer.WriteAsync(new byte[] { 4, 2 }, None);
            await writer.CommitAsync(None);
        }

        var cancelled = PathUnderRoot("uploads/fresh-cancelled/data");
        await using (var writer = await Driver.CreateFreshWriterAsync(cancelled, None))
        {
            await writer.WriteAsync(new byte[] { 1 }, None);
            await writer.CancelAsync(None);
        }

        Assert.Equal(new byte[] { 4, 2 }, await Driver.GetContentAsync(committed, None));
        await Assert.ThrowsAsync<StorageNotFoundException>(() => Driver.GetContentAsync(cancelled, None));
        await Assert.ThrowsAsync<StorageNotFoundException>(() => Driver.CreateWriterAsync(cancelled, append: true, None));
    }

    [Fact]
    public async Task Writer_Cancelled_DiscardsEverythingIncludingEarlierWriters()
    {
        var path = PathUnderRoot("uploads/cancelled/data");
        await using (var writer = await Driver.CreateWriterAsync(path, append: false, None))
        {
            await writer.WriteAsync(TestContent.Bytes((6 * 1024 * 1024) + 1, 1), None);
            await writer.CloseAsync(None);
        }

        await using (var writer = await Driver.CreateWriterAsync(path, append: true, None))
        {
            await writer.WriteAsync(TestContent.Bytes(100, 2), None);
            await writer.CancelAsync(None);
        }

        await Assert.ThrowsAsync<StorageNotFoundException>(() => Driver.StatAsync(path, None));
        await Assert.ThrowsAsync<StorageNotFoundException>(() => Driver.GetContentAsync(path, None));
        await Assert.ThrowsAsync<StorageNotFoundException>(() => Driver.CreateWriterAsync(path, append: true, None));
    }

    [Fact]
    public async Task Writer_Uncommitted_IsNotVisibleAsACompleteObject()
    {
        var path = PathUnderRoot("uploads/pending/data");
        await using var writer = await Driver.CreateWriterAsync(path, append: false, None);
        await writer.WriteAsync(TestContent.Bytes(1000, 1), None);
        await writer.CloseAsync(None);

        try
        {
            var info = await Driver.StatAsync(path, None);
            Assert.True(info.Size <= 1000, $"an uncommitted object reports {info.Size} bytes");
        }
        catch (StorageNotFoundException)
        {
        }
    }
}
