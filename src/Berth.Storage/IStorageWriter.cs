using System.Buffers;

namespace Berth.Storage;

/// <summary>
/// A resumable writer. Content is complete and durable at its path only after <see cref="CommitAsync"/>
/// (before that a reader may see a prefix or nothing, so callers write to private paths and move);
/// <see cref="CloseAsync"/> persists what was written so that a later writer opened with append can continue it.
/// Disposing a writer that was neither committed nor cancelled closes it. After Commit, writes throw an
/// <see cref="InvalidOperationException"/> and Close does nothing.
/// </summary>
public interface IStorageWriter : IAsyncDisposable
{
    /// <summary>Bytes written so far, including those of earlier writers this one continues.</summary>
    long Size { get; }

    ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the segments in order, as one write of each would. A driver that can hand them to the store in one call
    /// (the filesystem's gather write) does so, which spares the caller copying a request body's segments into one buffer.
    /// </summary>
    async ValueTask WriteAsync(ReadOnlySequence<byte> content, CancellationToken cancellationToken)
    {
        foreach (var segment in content)
        {
            await WriteAsync(segment, cancellationToken);
        }
    }

    /// <summary>Persists the content for a later append and releases the writer.</summary>
    Task CloseAsync(CancellationToken cancellationToken);

    /// <summary>Makes the content durable and visible at the writer's path.</summary>
    Task CommitAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Makes the content durable and visible at <paramref name="destinationPath"/> (replacing any object there) instead
    /// of the writer's path, leaving nothing at the writer's path, when the driver can do that in fewer store operations
    /// than <see cref="CommitAsync"/> followed by <see cref="IStorageDriver.MoveAsync"/>; the writer is then finished as
    /// by a commit. Returns false, having changed nothing, when it cannot: the caller commits and moves.
    /// </summary>
    Task<bool> TryCommitToAsync(string destinationPath, CancellationToken cancellationToken);

    /// <summary>Discards everything written, including by earlier writers.</summary>
    Task CancelAsync(CancellationToken cancellationToken);
}
