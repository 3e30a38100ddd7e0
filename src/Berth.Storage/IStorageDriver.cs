namespace Berth.Storage;

/// <summary>
/// Object-store semantics over a tree of paths. Paths are absolute, '/'-separated, lower-level than OCI:
/// a driver knows nothing of digests or repositories. Every path passed in has been checked by
/// <see cref="StoragePath.Validate"/>; a missing object is always reported as <see cref="StorageNotFoundException"/>.
/// The behaviour is pinned by tests/Berth.Storage.Conformance, which every driver runs unchanged.
/// </summary>
public interface IStorageDriver
{
    /// <summary>A short name for logs and metrics ("filesystem", "s3", ...).</summary>
    string Name { get; }

    /// <summary>Reads a whole small object (links, manifests). Never use it for blobs.</summary>
    Task<byte[]> GetContentAsync(string path, CancellationToken cancellationToken);

    /// <summary>Atomically replaces the object at <paramref name="path"/>: readers see the old or the new content, never a mix.</summary>
    Task PutContentAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>
    /// Opens the object for streaming reads from <paramref name="offset"/>, with the whole object's size taken from the
    /// same request (one round trip on an object store: no stat is needed beside it). At or beyond the end the content
    /// is empty and the size still the object's; a negative offset throws <see cref="ArgumentOutOfRangeException"/>.
    /// </summary>
    Task<StorageRead> OpenReadAsync(string path, long offset, CancellationToken cancellationToken);

    /// <summary>
    /// Opens a writer. With <paramref name="append"/> the writer continues the content a previous writer left with
    /// <see cref="IStorageWriter.CloseAsync"/>, possibly in another process (<see cref="StorageNotFoundException"/> when there
    /// is none); without it, what an earlier writer left is discarded. Writers to the same path never mix their content:
    /// the last commit wins.
    /// </summary>
    Task<IStorageWriter> CreateWriterAsync(string path, bool append, CancellationToken cancellationToken);

    /// <summary>
    /// Opens a writer at a path no writer has used before (the caller names it with a fresh random id, as a new upload
    /// is): like <see cref="CreateWriterAsync"/> without append, but a driver may skip looking for what an earlier
    /// writer left there, which on an object store is a request. At a path an earlier writer did use, what it left may
    /// survive.
    /// </summary>
    Task<IStorageWriter> CreateFreshWriterAsync(string path, CancellationToken cancellationToken) =>
        CreateWriterAsync(path, append: false, cancellationToken);

    /// <summary>
    /// The bytes a writer left at <paramref name="path"/> with <see cref="IStorageWriter.CloseAsync"/> for a later append
    /// (<see cref="StorageNotFoundException"/> when there are none), read without opening a writer or writing anything,
    /// so a writer open on the path meanwhile is never disturbed; while one is open the answer may be anywhere between
    /// what it continued from and what it has written so far.
    /// </summary>
    Task<long> GetAppendableSizeAsync(string path, CancellationToken cancellationToken);

    /// <summary>
    /// The object or directory at <paramref name="path"/> (a directory: a path with objects under it; "/" always exists).
    /// On an object store a stat of a path with no object there costs a second request to look for a directory: use
    /// <see cref="StatObjectAsync"/> where only an object can answer.
    /// </summary>
    Task<StorageObjectInfo> StatAsync(string path, CancellationToken cancellationToken);

    /// <summary>
    /// The object at <paramref name="path"/>, as <see cref="StatAsync"/> reports it; a directory is reported like
    /// nothing at all, as <see cref="StorageNotFoundException"/>. One request on an object store, also when nothing is
    /// there: the check for links and blob content, which are never directories.
    /// </summary>
    Task<StorageObjectInfo> StatObjectAsync(string path, CancellationToken cancellationToken);

    /// <summary>
    /// Lists the direct children (objects and prefixes) of <paramref name="path"/>, as full paths, in no set order.
    /// A path with nothing under it throws <see cref="StorageNotFoundException"/> (a directory emptied by deletes may
    /// instead list as empty); "/" always exists.
    /// </summary>
    IAsyncEnumerable<string> ListAsync(string path, CancellationToken cancellationToken);

    /// <summary>Moves an object (not a directory), replacing any object at <paramref name="destinationPath"/>.</summary>
    Task MoveAsync(string sourcePath, string destinationPath, CancellationToken cancellationToken);

    /// <summary>Deletes the object at <paramref name="path"/> or, recursively, everything under it, including unfinished writers' content.</summary>
    Task DeleteAsync(string path, CancellationToken cancellationToken);

    /// <summary>
    /// Removes what writers left under <paramref name="path"/> when their process died before they committed, closed or
    /// cancelled (partial files, multipart uploads, segment records), if they began before <paramref name="startedBefore"/>;
    /// returns how many it removed. A writer that started later, and every committed object, is left alone.
    /// </summary>
    Task<int> PurgeAbandonedWritesAsync(string path, DateTimeOffset startedBefore, CancellationToken cancellationToken);

    /// <summary>A URL the client may fetch the object from directly (a presigned URL), or null to stream it through.</summary>
    Task<Uri?> GetRedirectUrlAsync(string path, CancellationToken cancellationToken);
}
