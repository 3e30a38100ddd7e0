using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;

namespace Berth.Storage.Filesystem;

/// <summary>
/// Keeps each object as a file under a root directory. Every write goes to a file of its own that is fsynced and
/// renamed over the target, so a crash never leaves a torn object and concurrent writers never mix their content; the
/// directory is fsynced after each rename and create, so what a call completed survives a power cut (docs/storage.md).
/// The blocking syncs run on the thread pool, never on the caller's (a Kestrel I/O) thread.
/// A closed writer's file waits beside the target (".tmp-resumable") until a writer that appends continues it.
/// </summary>
public sealed class FilesystemStorageDriver : IStorageDriver
{
    private const string TempSuffix = ".tmp-";

    /// <summary>Where a closed writer's content waits for a writer that appends; ".tmp-" keeps it out of listings.</summary>
    private const string ResumableSuffix = TempSuffix + "resumable";

    /// <summary>A folder renamed aside by <see cref="DeleteAsync"/> to be removed; the temporary infix hides it from listings.</summary>
    private const string DeletedFolderInfix = TempSuffix + "deleted-";

    /// <summary>How often a write or delete is tried when a concurrent delete or write in the same folder got in its way.</summary>
    private const int ConcurrentRemovalAttempts = 8;
    private readonly string _root;

    public FilesystemStorageDriver(IOptions<FilesystemStorageOptions> options)
        : this(options.Value.RootDirectory)
    {
    }

    public FilesystemStorageDriver(string rootDirectory)
    {
        _root = Path.GetFullPath(rootDirectory);
        Directory.CreateDirectory(_root);
    }

    public string Name => "filesystem";

    public string RootDirectory => _root;

    /// <summary>The local file behind a path, for zero-copy serving; the file may not exist.</summary>
    public string GetLocalPath(string path) =>
        path == "/" ? _root : Path.Join(_root, StoragePath.Validate(path).AsSpan(1));

    public async Task<byte[]> GetContentAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(GetLocalPath(path), cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            throw new StorageNotFoundException(path, e);
        }
    }

    public async Task PutContentAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var target = GetLocalPath(path);
        for (var attempt = 1; ; attempt++)
        {
            var temp = target + TempSuffix + Guid.NewGuid().ToString("N");
            try
            {
                await Task.Run(() => DirectorySync.Create(Path.GetDirectoryName(target)!), cancellationToken);
                await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
                {
                    await file.WriteAsync(content, cancellationToken);
                    await Task.Run(() => file.Flush(flushToDisk: true), cancellationToken);
                }

                await Task.Run(() => DirectorySync.Rename(temp, target), CancellationToken.None);
                return;
            }
            catch (Exception e) when (IsFolderRemovedMeanwhile(e))
            {
                // A delete of a parent folder (a tag, a layer link) ran between creating the folder and the rename, and
                // took the temporary file with it. Writing again orders this write after that delete. When deletes keep
                // coming, this write is ordered before the last one, which removed it: both requests overlapped, so
                // either order is an answer a client can get, and neither is a server error.
                if (attempt == ConcurrentRemovalAttempts)
                {
                    return;
                }
            }
            catch
            {
                try
                {
                    File.Delete(temp);
                }
                catch (DirectoryNotFoundException)
                {
                    // The folder went, and the temporary file with it.
                }

                throw;
            }
        }
    }

    public Task<StorageRead> OpenReadAsync(string path, long offset, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var local = GetLocalPath(path);
        try
        {
            var stream = new FileStream(local, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
            var size = stream.Length;
            stream.Position = Math.Min(offset, size);
            return Task.FromResult(new StorageRead(stream, size));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            throw new StorageNotFoundException(path, e);
        }
    }

    public Task<IStorageWriter> CreateWriterAsync(string path, bool append, CancellationToken cancellationToken)
    {
        var local = GetLocalPath(path);
        var resumable = local + ResumableSuffix;
        if (append)
        {
            try
            {
                var existing = File.OpenHandle(resumable, FileMode.Open, FileAccess.Write, FileShare.None, FileOptions.Asynchronous);
                return Task.FromResult<IStorageWriter>(new FilesystemStorageWriter(existing, resumable, RandomAccess.GetLength(existing), local, resumable));
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                throw new StorageNotFoundException(path, e);
            }
        }

        return Task.Run<IStorageWriter>(
            () =>
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        DirectorySync.Create(Path.GetDirectoryName(local)!);
                        File.Delete(resumable);
                        var temp = local + TempSuffix + Guid.NewGuid().ToString("N");
                        var file = File.OpenHandle(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileOptions.Asynchronous);
                        return new FilesystemStorageWriter(file, temp, 0, local, resumable);
                    }
                    catch (DirectoryNotFoundException) when (attempt < ConcurrentRemovalAttempts)
                    {
                        // The folder was deleted after it was created; create it again.
                    }
                }
            },
            cancellationToken);
    }

    public Task<long> GetAppendableSizeAsync(string path, CancellationToken cancellationToken)
    {
        var resumable = new FileInfo(GetLocalPath(path) + ResumableSuffix);
        return resumable.Exists ? Task.FromResult(resumable.Length) : throw new StorageNotFoundException(path);
    }

    public Task<StorageObjectInfo> StatAsync(string path, CancellationToken cancellationToken)
    {
        var local = GetLocalPath(path);
        if (StatFile(path, local) is { } file)
        {
            return Task.FromResult(file);
        }

        var directory = new DirectoryInfo(local);
        if (directory.Exists)
        {
            return Task.FromResult(new StorageObjectInfo(path, 0, directory.LastWriteTimeUtc, IsDirectory: true));
        }

        throw new StorageNotFoundException(path);
    }

    public Task<StorageObjectInfo> StatObjectAsync(string path, CancellationToken cancellationToken) =>
        StatFile(path, GetLocalPath(path)) is { } file ? Task.FromResult(file) : throw new StorageNotFoundException(path);

    public async IAsyncEnumerable<string> ListAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var local = GetLocalPath(path);
        if (!Directory.Exists(local))
        {
            throw new StorageNotFoundException(path);
        }

        await Task.CompletedTask;
        foreach (var entry in Directory.EnumerateFileSystemEntries(local))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = Path.GetFileName(entry);
            if (!name.Contains(TempSuffix, StringComparison.Ordinal))
            {
                yield return StoragePath.Combine(path, name);
            }
        }
    }

    public Task MoveAsync(string sourcePath, string destinationPath, CancellationToken cancellationToken)
    {
        var source = GetLocalPath(sourcePath);
        var destination = GetLocalPath(destinationPath);
        if (!File.Exists(source))
        {
            throw new StorageNotFoundException(sourcePath);
        }

        return Task.Run(
            () =>
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        DirectorySync.Create(Path.GetDirectoryName(destination)!);
                        DirectorySync.Rename(source, destination);
                        return;
                    }
                    catch (Exception e) when (IsFolderRemovedMeanwhile(e) && !File.Exists(source))
                    {
                        throw new StorageNotFoundException(sourcePath, e);
                    }
                    catch (DirectoryNotFoundException) when (attempt < ConcurrentRemovalAttempts)
                    {
                        // The destination's folder was deleted after it was created; create it again.
                    }
                }
            },
            cancellationToken);
    }

    /// <summary>
    /// Deletes a file, or a folder with everything in it. A folder is first renamed aside (one atomic step: a reader sees
    /// the whole folder or none of it, and a write that lands after the rename recreates the folder, as if it had come
    /// second), then removed. Renaming it aside first matters when requests keep writing into the folder (pushes of the
    /// tag being deleted): removing it in place fails while files appear in it, and could fail on every retry. A folder
    /// someone else removed meanwhile is deleted. A folder renamed aside by a process that died before removing it is
    /// hidden from listings and removed by <see cref="PurgeAbandonedWritesAsync"/>.
    /// </summary>
    public Task DeleteAsync(string path, CancellationToken cancellationToken)
    {
        var local = GetLocalPath(path);
        if (File.Exists(local))
        {
            File.Delete(local);
            return Task.CompletedTask;
        }

        if (!Directory.Exists(local))
        {
            throw new StorageNotFoundException(path);
        }

        var aside = local + DeletedFolderInfix + Guid.NewGuid().ToString("N");
        try
        {
            Directory.Move(local, aside);
        }
        catch (DirectoryNotFoundException)
        {
            return Task.CompletedTask;
        }

        RemoveFolder(aside);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Removes a folder renamed aside. Nothing can add to it by path any more, but a writer that opened a file in it
    /// before the rename may still be renaming that file, so a pass that finds the folder not empty is repeated.
    /// </summary>
    private static void RemoveFolder(string folder)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
                return;
            }
            catch (IOException) when (attempt < ConcurrentRemovalAttempts)
            {
                if (!Directory.Exists(folder))
                {
                    return;
                }
            }
        }
    }

    /// <summary>A write that failed because a concurrent delete removed its folder (or the temporary file in it).</summary>
    private static bool IsFolderRemovedMeanwhile(Exception e) => e is DirectoryNotFoundException or FileNotFoundException;

    /// <summary>
    /// A writer's file lives beside its target until the rename; one whose process died stays there, hidden from listings,
    /// as does a folder a delete renamed aside and did not get to remove. Only the last write time is known, so that is
    /// what is compared. Closed writers' files (".tmp-resumable") are upload state and go with their upload.
    /// </summary>
    public Task<int> PurgeAbandonedWritesAsync(string path, DateTimeOffset startedBefore, CancellationToken cancellationToken)
    {
        var local = GetLocalPath(path);
        if (!Directory.Exists(local))
        {
            return Task.FromResult(0);
        }

        var purged = 0;
        var deletedFolders = new DirectoryInfo(local)
            .EnumerateDirectories("*" + DeletedFolderInfix + "*", SearchOption.AllDirectories)
            .Where(folder => folder.LastWriteTimeUtc < startedBefore.UtcDateTime)
            .ToList();
        foreach (var folder in deletedFolders)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Directory.Exists(folder.FullName))
            {
                RemoveFolder(folder.FullName);
                purged++;
            }
        }

        foreach (var file in new DirectoryInfo(local).EnumerateFiles("*" + TempSuffix + "*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!file.Name.EndsWith(ResumableSuffix, StringComparison.Ordinal) && file.LastWriteTimeUtc < startedBefore.UtcDateTime)
            {
                file.Delete();
                purged++;
            }
        }

        return Task.FromResult(purged);
    }

    public Task<Uri?> GetRedirectUrlAsync(string path, CancellationToken cancellationToken) => Task.FromResult<Uri?>(null);

    private static StorageObjectInfo? StatFile(string path, string local)
    {
        var file = new FileInfo(local);
        return file.Exists ? new StorageObjectInfo(path, file.Length, file.LastWriteTimeUtc, IsDirectory: false) : null;
    }
}
