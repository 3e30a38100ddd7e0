namespace Berth.Storage.Conformance;

public abstract partial class StorageDriverConformanceTests
{
    [Fact]
    public async Task Writers_ToDifferentPathsConcurrently_EachCommitsItsOwnContent()
    {
        const int writers = 8;
        const int size = (256 * 1024) + 11;

        var hashes = await Task.WhenAll(Enumerable.Range(0, writers).Select(async i =>
        {
            await using var writer = await Driver.CreateWriterAsync(PathUnderRoot($"parallel/{i}/data"), append: false, None);
            var hash = await TestContent.WriteAsync(writer, size, 16 * 1024, seed: i, None);
            await writer.CommitAsync(None);
            return hash;
        }));

        for (var i = 0; i < writers; i++)
        {
            await using var read = await Driver.OpenReadAsync(PathUnderRoot($"parallel/{i}/data"), 0, None);
            var (length, sha256) = await TestContent.HashAsync(read.Content, None);
            Assert.Equal(size, read.Size);
            Assert.Equal(size, length);
            Assert.Equal(hashes[i], sha256);
        }
    }

    [Fact]
    public async Task Writers_ToTheSamePathInterleaved_LastCommitWinsAndContentIsNeverMixed()
    {
        var path = PathUnderRoot("contended");
        var contents = Enumerable.Range(0, 3).Select(i => TestContent.Bytes((64 * 1024) - (i * 1000), 100 + i)).ToArray();
        var writers = new List<IStorageWriter>();
        foreach (var _ in contents)
        {
            writers.Add(await Driver.CreateWriterAsync(path, append: false, None));
        }

        const int chunk = 4096;
        for (var offset = 0; offset < contents[0].Length; offset += chunk)
        {
            for (var i = 0; i < writers.Count; i++)
            {
                if (offset < contents[i].Length)
                {
                    await writers[i].WriteAsync(contents[i].AsMemory(offset, Math.Min(chunk, contents[i].Length - offset)), None);
                }
            }
        }

        for (var i = 0; i < writers.Count; i++)
        {
            await writers[i].CommitAsync(None);
            Assert.Equal(contents[i], await Driver.GetContentAsync(path, None));
            await writers[i].DisposeAsync();
        }
    }

    [Fact]
    public async Task Writers_ToTheSamePathCommittingConcurrently_LeaveExactlyOneWholeVersion()
    {
        var path = PathUnderRoot("raced");
        var contents = Enumerable.Range(0, 4).Select(i => TestContent.Bytes(200_000 + i, 200 + i)).ToArray();

        await Task.WhenAll(contents.Select(async content =>
        {
            await using var writer = await Driver.CreateWriterAsync(path, append: false, None);
            for (var offset = 0; offset < content.Length; offset += 8192)
            {
                await writer.WriteAsync(content.AsMemory(offset, Math.Min(8192, content.Length - offset)), None);
            }

            await writer.CommitAsync(None);
        }));

        var stored = await Driver.GetContentAsync(path, None);
        Assert.Contains(contents, content => content.AsSpan().SequenceEqual(stored));
    }
}
