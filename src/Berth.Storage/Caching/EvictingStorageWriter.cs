using System.Buffers;

namespace Berth.Storage.Caching;

/// <summary>Evicts the path the content goes to once it becomes visible, so a read racing the commit cannot pin the old content.</summary>
internal sealed class EvictingStorageWriter(IStorageWriter inner, string path, Action<string> evict) : IStorageWriter
{
    public long Size => inner.Size;

    public ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken) => inner.WriteAsync(buffer, cancellationToken);

    public ValueTask WriteAsync(ReadOnlySequence<byte> content, CancellationToken cancellationToken) => inner.WriteAsync(content, cancellationToken);

    public Task CloseAsync(CancellationToken cancellationToken) => inner.CloseAsync(cancellationToken);

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await inner.CommitAsync(cancellationToken);
        }
        finally
        {
            evict(path);
        }
    }

    public async Task<bool> TryCommitToAsync(string destinationPath, CancellationToken cancellationToken)
    {
        try
        {
            return await inner.TryCommitToAsync(destinationPath, cancellationToken);
        }
        finally
        {
            evict(destinationPath);
        }
    }

    public Task CancelAsync(CancellationToken cancellationToken) => inner.CancelAsync(cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
