using System.Runtime.CompilerServices;

namespace Berth.Storage.Conformance.Interception;

/// <summary>
/// A test decorator that forwards every call to another driver, after <see cref="BeforeAsync"/> and, once the call
/// succeeded, <see cref="AfterAsync"/>: the two places where a subclass pauses, slows or fails it.
/// </summary>
public abstract class InterceptingStorageDriver(IStorageDriver inner) : IStorageDriver
{
    public IStorageDriver Inner => inner;

    public string Name => inner.Name;

    /// <summary>Runs before the call reaches the inner driver; throwing fails the call with nothing done.</summary>
    protected abstract Task BeforeAsync(StorageCall call, CancellationToken cancellationToken);

    /// <summary>Runs after the inner driver completed the call; throwing fails a call whose effect already happened.</summary>
    protected virtual Task AfterAsync(StorageCall call, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<byte[]> GetContentAsync(string path, CancellationToken cancellationToken) =>
        RunAsync(new(StorageOperation.GetContent, path), () => inner.GetContentAsync(path, cancellationToken), cancellationToken);

    public Task PutContentAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        RunAsync(new(StorageOperation.PutContent, path), () => inner.PutContentAsync(path, content, cancellationToken), cancellationToken);

    public Task<StorageRead> OpenReadAsync(string path, long offset, CancellationToken cancellationToken) =>
        RunAsync(new(StorageOperation.OpenRead, path), () => inner.OpenReadAsync(path, offset, cancellationToken), cancellationToken);

    public Task<IStorageWriter> CreateWriterAsync(string path, bool append, CancellationToken cancellationToken) =>
        RunAsync(
            new(StorageOperation.CreateWriter, path),
            async () => (IStorageWriter)new InterceptingStorageWriter(await inner.CreateWriterAsync(path, append, cancellationToken), path, this),
            cancellationToken);

    public Task<long> GetAppendableSizeAsync(string path, CancellationToken cancellationToken) =>
        RunAsync(new(StorageOperation.AppendableSize, path), () => inner.GetAppendableSizeAsync(path, cancellationToken), cancellationToken);

    public Task<StorageObjectInfo> StatAsync(string path, CancellationToken cancellationToken) =>
        RunAsync(new(StorageOperation.Stat, path), () => inner.StatAsync(path, cancellationToken), cancellationToken);

    /// <summary>Intercepted as a <see cref="StorageOperation.Stat"/>: a test that holds or fails the stat of a path means either form.</summary>
    public Task<StorageObjectInfo> StatObjectAsync(string path, CancellationToken cancellationToken) =>
        RunAsync(new(StorageOperation.Stat, path), () => inner.StatObjectAsync(path, cancellationToken), cancellationToken);

    public async IAsyncEnumerable<string> ListAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var call = new StorageCall(StorageOperation.List, path);
        await BeforeAsync(call, cancellationToken);
        await foreach (var entry in inner.ListAsync(path, cancellationToken))
        {
            yield return entry;
        }

        await AfterAsync(call, cancellationToken);
    }

    public Task MoveAsync(string sourcePath, string destinationPath, CancellationToken cancellationToken) =>
        RunAsync(new(StorageOperation.Move, sourcePath, destinationPath), () => inner.MoveAsync(sourcePath, destinationPath, cancellationToken), cancellationToken);

    public Task DeleteAsync(string path, CancellationToken cancellationToken) =>
        RunAsync(new(StorageOperation.Delete, path), () => inner.DeleteAsync(path, cancellationToken), cancellationToken);

    public Task<int> PurgeAbandonedWritesAsync(string path, DateTimeOffset startedBefore, CancellationToken cancellationToken) =>
        RunAsync(new(StorageOperation.PurgeAbandoned, path), () => inner.PurgeAbandonedWritesAsync(path, startedBefore, cancellationToken), cancellationToken);

    public Task<Uri?> GetRedirectUrlAsync(string path, CancellationToken cancellationToken) =>
        RunAsync(new(StorageOperation.RedirectUrl, path), () => inner.GetRedirectUrlAsync(path, cancellationToken), cancellationToken);

    internal async Task RunAsync(StorageCall call, Func<Task> action, CancellationToken cancellationToken)
    {
        await BeforeAsync(call, cancellationToken);
        await action();
        await AfterAsync(call, cancellationToken);
    }

    private async Task<T> RunAsync<T>(StorageCall call, Func<Task<T>> action, CancellationToken cancellationToken)
    {
        await BeforeAsync(call, cancellationToken);
        var result = await action();
        await AfterAsync(call, cancellationToken);
        return result;
    }
}
