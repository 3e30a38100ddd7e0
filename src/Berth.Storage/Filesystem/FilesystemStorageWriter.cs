using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace Berth.Storage.Filesystem;

/// <summary>
/// Writes to a file of its own (a fresh temporary file, or the resumable file it continues) at offsets it tracks; Close
/// moves it to the resumable name, Commit moves it over the target, each rename made durable with its directory.
/// </summary>
internal sealed class FilesystemStorageWriter(SafeFileHandle file, string filePath, long size, string targetPath, string resumablePath) : IStorageWriter
{
    /// <summary>Segments per gather write, well under every Unix's IOV_MAX (1024 on Linux).</summary>
    private const int MaxSegmentsPerWrite = 64;

    private bool _finished;

    public long Size { get; private set; } = size;

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        await RandomAccess.WriteAsync(file, buffer, Size, cancellationToken);
        Size += buffer.Length;
    }

    /// <summary>One system call (pwritev) per up to 64 segments, straight from the caller's memory.</summary>
    public async ValueTask WriteAsync(ReadOnlySequence<byte> content, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        if (content.IsSingleSegment)
        {
            await WriteAsync(content.First, cancellationToken);
            return;
        }

        var segments = new List<ReadOnlyMemory<byte>>(MaxSegmentsPerWrite);
        long batched = 0;
        foreach (var segment in content)
        {
            segments.Add(segment);
            batched += segment.Length;
            if (segments.Count == MaxSegmentsPerWrite)
            {
                await RandomAccess.WriteAsync(file, segments, Size, cancellationToken);
                Size += batched;
                segments.Clear();
                batched = 0;
            }
        }

        if (segments.Count > 0)
        {
            await RandomAccess.WriteAsync(file, segments, Size, cancellationToken);
            Size += batched;
        }
    }

    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        if (!_finished)
        {
            _finished = true;
            await SyncAndCloseAsync(cancellationToken);
            if (filePath != resumablePath)
            {
                await Task.Run(() => DirectorySync.Rename(filePath, resumablePath), CancellationToken.None);
            }
        }
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        _finished = true;
        await SyncAndCloseAsync(cancellationToken);
        await Task.Run(() => DirectorySync.Rename(filePath, targetPath), CancellationToken.None);
    }

    /// <summary>Commit and move are each one rename of the same file; ChunkedUploadFsyncTests pins the commit's order (fsync, then rename).</summary>
    public Task<bool> TryCommitToAsync(string destinationPath, CancellationToken cancellationToken) => Task.FromResult(false);

    public Task CancelAsync(CancellationToken cancellationToken)
    {
        _finished = true;
        file.Dispose();
        File.Delete(filePath);
        File.Delete(resumablePath);
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => new(CloseAsync(CancellationToken.None));

    private async Task SyncAndCloseAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Run(() => RandomAccess.FlushToDisk(file), cancellationToken);
        }
        finally
        {
            file.Dispose();
        }
    }
}
