namespace Berth.Storage.Conformance;

public abstract partial class StorageDriverConformanceTests
{
    /// <summary>
    /// A writer continued on another node commits to a path that already holds an object: where the driver can, the
    /// content lands there in place of the old object, and nothing is left at the writer's path (no object, nothing to
    /// append to), and a read that cached the old object sees the new one; where it cannot, the call changes nothing and
    /// the writer still commits and moves as before.
    /// </summary>
    [Theory]
    [InlineData(3000)]
    [InlineData((6 * 1024 * 1024) + 11)]
    public async Task Writer_CommittedToAnotherPath_ReplacesTheObjectThereAndLeavesNothingBehind(int length)
    {
        var path = PathUnderRoot("uploads/commit-to/data");
        var destination = PathUnderRoot("blobs/commit-to/data");
        var content = TestContent.Bytes(length, 7);
        await Driver.PutContentAsync(destination, TestContent.Bytes(100, 8), None);
        Assert.Equal(100, (await Driver.GetContentAsync(destination, None)).Length);
        await using (var first = await Driver.CreateWriterAsync(path, append: false, None))
        {
            await first.WriteAsync(content.AsMemory(0, 1000), None);
            await first.CloseAsync(None);
        }

        await using (var second = await CreateSecondDriver().CreateWriterAsync(path, append: true, None))
        {
            await second.WriteAsync(content.AsMemory(1000), None);
            if (!await second.TryCommitToAsync(destination, None))
            {
                Assert.Equal(length, second.Size);
                await second.CommitAsync(None);
                await Driver.MoveAsync(path, destination, None);
            }

            Assert.Equal(length, second.Size);
            await Assert.ThrowsAnyAsync<InvalidOperationException>(async () => await second.WriteAsync(new byte[] { 1 }, None));
        }

        Assert.Equal(content, await Driver.GetContentAsync(destination, None));
        Assert.Equal(length, (await Driver.StatAsync(destination, None)).Size);
        await Assert.ThrowsAsync<StorageNotFoundException>(() => Driver.StatAsync(path, None));
        await Assert.ThrowsAsync<StorageNotFoundException>(() => Driver.GetAppendableSizeAsync(path, None));
        await Assert.ThrowsAsync<StorageNotFoundException>(() => Driver.CreateWriterAsync(path, append: true, None));
    }
}
