namespace Berth.Storage;

/// <summary>
/// A resumable writer. Content is complete and durable at its path only after <see cref="CommitAsync"/>
/// (before that a reader may see a prefix or nothing, so callers write to private paths and move);
/// <see cref="CloseAsync"/> keeps what was written so that a later writer opened with append can continue it, but need
/// not make it durable: a power cut may cut a closed writer's tail, so whoever commits content that earlier writers
/// closed checks it (the registry verifies an upload's digest over the stored bytes when its own hash was lost).
/// Disposing a writer that was neither committed nor cancelled closes it. After Commit, writes throw an
/// <see cref="InvalidOperationException"/> and Close does nothing.
/// </summary>
public interface IStorageWriter : IAsyncDisposable
{
    /// <summary>Bytes written so far, including those of earlier writers this one continues.</summary>
    long Size { get; }

    ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken);

    /// <summary>Keeps the content for a later append (not necessarily durably) and releases the writer.</summary>
    Task CloseAsync(CancellationToken cancellationToken);

    /// <summary>Makes the content durable and visible at the writer's path, including what the writers it continues wrote.</summary>
    Task CommitAsync(CancellationToken cancellationToken);

    /// <summary>Discards everything written, including by earlier writers.</summary>
    Task CancelAsync(CancellationToken cancellationToken);
}
