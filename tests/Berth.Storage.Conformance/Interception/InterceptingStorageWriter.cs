using System.Buffers;

namespace Berth.Storage.Conformance.Interception;

/// <summary>A writer whose calls go through the interceptions of the driver that opened it.</summary>
internal sealed class InterceptingStorageWriter(IStorageWriter inner, string path, InterceptingStorageDriver driver) : IStorageWriter
{
    public long Size => inner.Size;

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken) =>
        await driver.RunAsync(new(StorageOperation.Write, path), () => inner.WriteAsync(buffer, cancellationToken).AsTask(), cancellationToken);

    public async ValueTask WriteAsync(ReadOnlySequence<byte> content, CancellationToken cancellationToken) =>
        await driver.RunAsync(new(StorageOperation.Write, path), () => inner.WriteAsync(content, cancellationToken).AsTask(), cancellationToken);

    public Task CloseAsync(CancellationToken cancellationToken) =>
        driver.RunAsync(new(StorageOperation.Close, path), () => inner.CloseAsync(cancellationToken), cancellationToken);

    public Task CommitAsync(CancellationToken cancellationToken) =>
        driver.RunAsync(new(StorageOperation.Commit, path), () => inner.CommitAsync(cancellationToken), cancellationToken);

    public async Task<bool> TryCommitToAsync(string destinationPath, CancellationToken cancellationToken)
    {
        var committed = false;
        await driver.RunAsync(new(StorageOperation.Commit, path, destinationPath), async () => committed = await inner.TryCommitToAsync(destinationPath, cancellationToken), cancellationToken);
        return committed;
    }

    public Task CancelAsync(CancellationToken cancellationToken) =>
        driver.RunAsync(new(StorageOperation.Cancel, path), () => inner.CancelAsync(cancellationToken), cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
