namespace Berth.Storage.Conformance;

public abstract partial class StorageDriverConformanceTests
{
    [Fact]
    public async Task StatObject_OfAnObject_ReportsWhatStatReports()
    {
        var path = PathUnderRoot("dir/object");
        await Driver.PutContentAsync(path, TestContent.Bytes(1234, 1), None);

        var info = await Driver.StatObjectAsync(path, None);

        Assert.Equal(path, info.Path);
        Assert.Equal(1234, info.Size);
        Assert.False(info.IsDirectory);
        Assert.Equal((await Driver.StatAsync(path, None)).ModifiedAt, info.ModifiedAt);
    }

    /// <summary>A directory is not an object: where <see cref="IStorageDriver.StatAsync"/> reports one, the object stat finds nothing.</summary>
    [Fact]
    public async Task StatObject_OfADirectoryTheRootOrAMissingPath_ThrowsStorageNotFound()
    {
        await Driver.PutContentAsync(PathUnderRoot("abc/def/ghi"), new byte[] { 1 }, None);
        Assert.True((await Driver.StatAsync(PathUnderRoot("abc/def"), None)).IsDirectory);

        await Assert.ThrowsAsync<StorageNotFoundException>(() => Driver.StatObjectAsync(PathUnderRoot("abc/def"), None));
        await Assert.ThrowsAsync<StorageNotFoundException>(() => Driver.StatObjectAsync(PathUnderRoot("abc"), None));
        await Assert.ThrowsAsync<StorageNotFoundException>(() => Driver.StatObjectAsync(Root, None));
        await Assert.ThrowsAsync<StorageNotFoundException>(() => Driver.StatObjectAsync("/", None));
        await Assert.ThrowsAsync<StorageNotFoundException>(() => Driver.StatObjectAsync(PathUnderRoot("missing"), None));
        await Assert.ThrowsAsync<StorageNotFoundException>(() => Driver.StatObjectAsync(PathUnderRoot("abc/def/gh"), None));
    }

    /// <summary>Content a writer holds, closed for a later append, is not an object until it is committed; nor after a delete.</summary>
    [Fact]
    public async Task StatObject_SeesAWritersContentOnlyOnceCommittedAndNotAfterItsDelete()
    {
        var path = PathUnderRoot("uploads/stat-object/data");
        var content = TestContent.Bytes(3000, 9);
        await using (var first = await Driver.CreateWriterAsync(path, append: false, None))
        {
            await first.WriteAsync(content.AsMemory(0, 1000), None);
            await first.CloseAsync(None);
        }

        await Assert.ThrowsAsync<StorageNotFoundException>(() => Driver.StatObjectAsync(path, None));
        await using (var second = await CreateSecondDriver().CreateWriterAsync(path, append: true, None))
        {
            await second.WriteAsync(content.AsMemory(1000), None);
            await Assert.ThrowsAsync<StorageNotFoundException>(() => Driver.StatObjectAsync(path, None));
            await second.CommitAsync(None);
        }

        Assert.Equal(3000, (await Driver.StatObjectAsync(path, None)).Size);
        await Driver.DeleteAsync(path, None);
        await Assert.ThrowsAsync<StorageNotFoundException>(() => Driver.StatObjectAsync(path, None));
    }
}
