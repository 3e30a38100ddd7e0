namespace Berth.Storage.Conformance;

public abstract partial class StorageDriverConformanceTests
{
    [Fact]
    public async Task Stat_OfAnObject_ReportsItsSizeAndRecentTime()
    {
        var path = PathUnderRoot("dir/object");
        await Driver.PutContentAsync(path, TestContent.Bytes(1234, 1), None);

        var info = await Driver.StatAsync(path, None);

        Assert.Equal(path, info.Path);
        Assert.Equal(1234, info.Size);
        Assert.False(info.IsDirectory);
        Assert.InRange(info.ModifiedAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));
    }

    [Fact]
    public async Task Stat_OfAPrefixWithObjects_ReportsADirectory()
    {
        await Driver.PutContentAsync(PathUnderRoot("dir/sub/object"), new byte[] { 1 }, None);

        Assert.True((await Driver.StatAsync(PathUnderRoot("dir"), None)).IsDirectory);
        Assert.True((await Driver.StatAsync(PathUnderRoot("dir/sub"), None)).IsDirectory);
    }

    [Fact]
    public async Task Stat_OfAMissingPathOrAPrefixOfAName_ThrowsStorageNotFound()
    {
        await Driver.PutContentAsync(PathUnderRoot("abc/def"), new byte[] { 1 }, None);

        await Assert.ThrowsAsync<StorageNotFoundException>(() => Driver.StatAsync(PathUnderRoot("missing"), None));
        await Assert.ThrowsAsync<StorageNotFoundException>(() => Driver.StatAsync(PathUnderRoot("ab"), None));
        await Assert.ThrowsAsync<StorageNotFoundException>(() => Driver.StatAsync(PathUnderRoot("abc/de"), None));
    }

    [Fact]
    public async Task List_ReturnsDirectChildrenObjectsAndPrefixesAsFullPaths()
    {
        await Driver.PutContentAsync(PathUnderRoot("tree/a"), new byte[] { 1 }, None);
        await Driver.PutContentAsync(PathUnderRoot("tree/b/c"), new byte[] { 1 }, None);
        await Driver.PutContentAsync(PathUnderRoot("tree/b/d/e"), new byte[] { 1 }, None);
        await Driver.PutContentAsync(PathUnderRoot("tree-sibling/x"), new byte[] { 1 }, None);
        await Driver.PutContentAsync(PathUnderRoot("treetop"), new byte[] { 1 }, None);

        Assert.Equal([PathUnderRoot("tree/a"), PathUnderRoot("tree/b")], await ListAllAsync(PathUnderRoot("tree")));
        Assert.Equal([PathUnderRoot("tree/b/c"), PathUnderRoot("tree/b/d")], await ListAllAsync(PathUnderRoot("tree/b")));
        Assert.Equal([PathUnderRoot("tree"), PathUnderRoot("tree-sibling"), PathUnderRoot("treetop")], await ListAllAsync(Root));
    }

    [Fact]
    public async Task List_OfTheRoot_IncludesThisTestsDirectory()
    {
        await Driver.PutContentAsync(PathUnderRoot("x"), new byte[] { 1 }, None);

        Assert.Contains(Root, await ListAllAsync("/"));
    }

    [Fact]
    public async Task List_WithMoreEntriesThanAPage_ReturnsEveryEntryOnce()
    {
        var directory = PathUnderRoot("many");
        var expected = Enumerable.Range(0, ManyEntriesCount).Select(i => $"{directory}/entry-{i:D5}").ToList();
        await Parallel.ForEachAsync(
            expected.Select((path, i) => (path, i)),
            new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (item, ct) =>
            {
                var target = item.i % 10 == 0 ? item.path + "/nested" : item.path;
                await Driver.PutContentAsync(target, new byte[] { (byte)item.i }, ct);
            });

        var listed = await ListAllAsync(directory);

        Assert.Equal(expected.Count, listed.Count);
        Assert.Equal(expected, listed);
    }

    [Fact]
    public async Task List_OfAMissingPath_ThrowsStorageNotFound()
    {
        await Driver.PutContentAsync(PathUnderRoot("present/object"), new byte[] { 1 }, None);

        await Assert.ThrowsAsync<StorageNotFoundException>(() => ListAllAsync(PathUnderRoot("missing")));
        await Assert.ThrowsAsync<StorageNotFoundException>(() => ListAllAsync(PathUnderRoot("pres")));
    }

    [Fact]
    public async Task List_OfADirectoryWhoseObjectsWereDeleted_IsEmptyOrNotFound()
    {
        await Driver.PutContentAsync(PathUnderRoot("dir/only"), new byte[] { 1 }, None);
        await Driver.DeleteAsync(PathUnderRoot("dir/only"), None);

        try
        {
            Assert.Empty(await ListAllAsync(PathUnderRoot("dir")));
        }
        catch (StorageNotFoundException)
        {
        }
    }

    [Fact]
    public async Task Move_ToANewPath_MovesTheContentAndRemovesTheSource()
    {
        var source = PathUnderRoot("uploads/1/data");
        var destination = PathUnderRoot("blobs/ab/abcdef/data");
        var content = TestContent.Bytes(70_000, 1);
        await Driver.PutContentAsync(source, content, None);

        await Driver.MoveAsync(source, destination, None);

        Assert.Equal(content, await Driver.GetContentAsync(destination, None));
        await Assert.ThrowsAsync<StorageNotFoundException>(() => Driver.StatAsync(source, None));
    }

    [Fact]
    public async Task Move_OverAnExistingObject_ReplacesIt()
    {
        var source = PathUnderRoot("source");
        var destination = PathUnderRoot("destination");
        var content = TestContent.Bytes(500, 1);
        await Driver.PutContentAsync(source, content, None);
        await Driver.PutContentAsync(destination, TestContent.Bytes(5000, 2), None);

        await Driver.MoveAsync(source, destination, None);

        Assert.Equal(content, await Driver.GetContentAsync(destination, None));
        Assert.Equal(content.Length, (await Driver.StatAsync(destination, None)).Size);
        await Assert.ThrowsAsync<StorageNotFoundException>(() => Driver.GetContentAsync(source, None));
    }

    [Fact]
    public async Task Move_OfAMissingSource_ThrowsStorageNotFoundAndKeepsTheDestination()
    {
        var destination = PathUnderRoot("destination");
        await Driver.PutContentAsync(destination, new byte[] { 1 }, None);

        await Assert.ThrowsAsync<StorageNotFoundException>(() => Driver.MoveAsync(PathUnderRoot("missing"), destination, None));

        Assert.Equal(new byte[] { 1 }, await Driver.GetContentAsync(destination, None));
    }

    [Fact]
    public async Task Move_OfAWrittenObject_KeepsLargeContentIntact()
    {
        var source = PathUnderRoot("uploads/2/data");
        var destination = PathUnderRoot("blobs/large");
        byte[] written;
        await using (var writer = await Driver.CreateWriterAsync(source, append: false, None))
        {
            written = await TestContent.WriteAsync(writer, (12 * 1024 * 1024) + 3, 1024 * 1024, seed: 9, None);
            await writer.CommitAsync(None);
        }

        await Driver.MoveAsync(source, destination, None);

        await using var read = await Driver.OpenReadAsync(destination, 0, None);
        Assert.Equal((12 * 1024 * 1024) + 3, read.Size);
        Assert.Equal(written, (await TestContent.HashAsync(read.Content, None)).Sha256);
    }

    [Fact]
    public async Task Delete_OfAnObject_RemovesOnlyThatObject()
    {
        await Driver.PutContentAsync(PathUnderRoot("dir/a"), new byte[] { 1 }, None);
        await Driver.PutContentAsync(PathUnderRoot("dir/ab"), new byte[] { 2 }, None);

        await Driver.DeleteAsync(PathUnderRoot("dir/a"), None);

        await Assert.ThrowsAsync<StorageNotFoundException>(() => Driver.GetContentAsync(PathUnderRoot("dir/a"), None));
        Assert.Equal(new byte[] { 2 }, await Driver.GetContentAsync(PathUnderRoot("dir/ab"), None));
    }

    [Fact]
    public async Task Delete_OfADirectory_RemovesEverythingUnderItButNotSiblingsSharingItsPrefix()
    {
        await Driver.PutContentAsync(PathUnderRoot("repo/a"), new byte[] { 1 }, None);
        await Driver.PutContentAsync(PathUnderRoot("repo/b/c/d"), new byte[] { 1 }, None);
        await using (var writer = await Driver.CreateWriterAsync(PathUnderRoot("repo/uploads/1/data"), append: false, None))
        {
            await writer.WriteAsync(TestContent.Bytes((6 * 1024 * 1024) + 9, 1), None);
            await writer.CloseAsync(None);
        }

        await Driver.PutContentAsync(PathUnderRoot("repository"), new byte[] { 2 }, None);
        await Driver.PutContentAsync(PathUnderRoot("repo-other/x"), new byte[] { 3 }, None);

        await Driver.DeleteAsync(PathUnderRoot("repo"), None);

        await Assert.ThrowsAsync<StorageNotFoundException>(() => Driver.StatAsync(PathUnderRoot("repo"), None));
        await Assert.ThrowsAsync<StorageNotFoundException>(() => Driver.GetContentAsync(PathUnderRoot("repo/b/c/d"), None));
        await Assert.ThrowsAsync<StorageNotFoundException>(() => Driver.CreateWriterAsync(PathUnderRoot("repo/uploads/1/data"), append: true, None));
        Assert.Equal([PathUnderRoot("repo-other"), PathUnderRoot("repository")], await ListAllAsync(Root));
    }

    [Fact]
    public async Task Delete_OfAMissingPath_ThrowsStorageNotFound()
    {
        await Driver.PutContentAsync(PathUnderRoot("abc"), new byte[] { 1 }, None);

        await Assert.ThrowsAsync<StorageNotFoundException>(() => Driver.DeleteAsync(PathUnderRoot("missing"), None));
        await Assert.ThrowsAsync<StorageNotFoundException>(() => Driver.DeleteAsync(PathUnderRoot("ab"), None));
        Assert.Equal(new byte[] { 1 }, await Driver.GetContentAsync(PathUnderRoot("abc"), None));
    }
}
