using System.Collections.Concurrent;

namespace Berth.Storage.Tests.Decorators;

/// <summary>Counts the calls that reach a real driver, to show what a decorator passes on.</summary>
internal sealed class CountingStorageDriver(IStorageDriver inner) : IStorageDriver
{
    public ConcurrentDictionary<string, int> Calls { get; } = new();

    public string Name => inner.Name;

    public Task<byte[]> GetContentAsync(string path, CancellationToken cancellationToken) => Count("get", () => inner.GetContentAsync(path, cancellationToken));

    public Task PutContentAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) => Count("put", () => inner.PutContentAsync(path, content, cancellationToken));

    public Task<StorageRead> OpenReadAsync(string path, long offset, CancellationToken cancellationToken) => Count("open", () => inner.OpenReadAsync(path, offset, cancellationToken));

    public Task<IStorageWriter> CreateWriterAsync(string path, bool append, CancellationToken cancellationToken) => Count("writer", () => inner.CreateWriterAsync(path, append, cancellationToken));

    public Task<long> GetAppendableSizeAsync(string path, CancellationToken cancellationToken) => Count("appendable_size", () => inner.GetAppendableSizeAsync(path, cancellationToken));

    public Task<StorageObjectInfo> StatAsync(string path, CancellationToken cancellationToken) => Count("stat", () => inner.StatAsync(path, cancellationToken));

    public Task<StorageObjectInfo> StatObjectAsync(string path, CancellationToken cancellationToken) => Count("stat_object", () => inner.StatObjectAsync(path, cancellationToken));

    public IAsyncEnumerable<string> ListAsync(string path, CancellationToken cancellationToken)
    {
        Calls.AddOrUpdate("list", 1, (_, n) => n + 1);
        return inner.ListAsync(path, cancellationToken);
    }

    public Task MoveAsync(string sourcePath, string destinationPath, CancellationToken cancellationToken) => Count("move", () => inner.MoveAsync(sourcePath, destinationPath, cancellationToken));

    public Task DeleteAsync(string path, CancellationToken cancellationToken) => Count("delete", () => inner.DeleteAsync(path, cancellationToken));

    public Task<int> PurgeAbandonedWritesAsync(string path, DateTimeOffset startedBefore, CancellationToken cancellationToken) =>
        Count("purge_abandoned", () => inner.PurgeAbandonedWritesAsync(path, startedBefore, cancellationToken));

    public Task<Uri?> GetRedirectUrlAsync(string path, CancellationToken cancellationToken) => Count("redirect", () => inner.GetRedirectUrlAsync(path, cancellationToken));

    public int CallsTo(string operation) => Calls.GetValueOrDefault(operation);

    private T Count<T>(string operation, Func<T> call)
    {
        Calls.AddOrUpdate(operation, 1, (_, n) => n + 1);
        return call();
    }
}
