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

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
