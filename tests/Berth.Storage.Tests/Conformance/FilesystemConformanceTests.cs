using Berth.Storage.Conformance;
using Berth.Storage.Filesystem;

namespace Berth.Storage.Tests.Conformance;

public sealed class FilesystemConformanceTests : StorageDriverConformanceTests, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("berth-fs-conformance-").FullName;

    protected override IStorageDriver CreateDriver() => new FilesystemStorageDriver(_directory);

    protected override Task AssertNothingLeftUnderAsync(string root)
    {
        var local = Path.Join(_directory, root);
        Assert.False(Directory.Exists(local) || File.Exists(local), $"{local} is left behind");
        Assert.Empty(Directory.EnumerateFileSystemEntries(_directory));
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Delete_OfAFolderWrittenIntoWithoutPause_SucceedsAndLeavesNothingAside()
    {
        var folder = PathUnderRoot("tags/shared");
        await Driver.PutContentAsync(StoragePath.Combine(folder, "current/link"), "{}"u8.ToArray(), None);
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 4).Select(i => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await Driver.PutContentAsync(StoragePath.Combine(folder, $"index/{i}/link"), "{}"u8.ToArray(), None);
            }
        })).ToList();

        try
        {
            for (var delete = 0; delete < 50; delete++)
            {
                await DeleteIfThereAsync(folder);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }

        await DeleteIfThereAsync(folder);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(Path.Join(_directory, folder))!));
    }

    [Fact]
    public async Task PurgeAbandonedWrites_RemovesAFolderADeleteRenamedAsideAndDidNotRemove()
    {
        await Driver.PutContentAsync(PathUnderRoot("kept/link"), "{}"u8.ToArray(), None);
        var aside = Path.Join(_directory, PathUnderRoot("gone")) + ".tmp-deleted-0123456789abcdef";
        Directory.CreateDirectory(Path.Join(aside, "current"));
        await File.WriteAllBytesAsync(Path.Join(aside, "current", "link"), "{}"u8.ToArray());

        Assert.Equal([PathUnderRoot("kept")], await Driver.ListAsync(Root, None).ToListAsync());
        Assert.Equal(0, await Driver.PurgeAbandonedWritesAsync(Root, DateTimeOffset.UtcNow.AddHours(-1), None));
        Assert.Equal(1, await Driver.PurgeAbandonedWritesAsync(Root, DateTimeOffset.UtcNow.AddMinutes(1), None));

        Assert.False(Directory.Exists(aside));
        Assert.Equal("{}"u8.ToArray(), await Driver.GetContentAsync(PathUnderRoot("kept/link"), None));
    }

    private async Task DeleteIfThereAsync(string folder)
    {
        try
        {
            await Driver.DeleteAsync(folder, None);
        }
        catch (StorageNotFoundException)
        {
            // Every writer was between writes: nothing to delete this time.
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
