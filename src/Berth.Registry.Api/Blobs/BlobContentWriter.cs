using Berth.Registry.Blobs;
using Berth.Registry.Diagnostics;
using Berth.Storage;
using Microsoft.AspNetCore.Http;

namespace Berth.Registry.Api.Blobs;

/// <summary>
/// Streams blob bytes into Kestrel's response pipe without a copy of our own: file-backed blobs are read with
/// RandomAccess straight into the pipe's memory; other drivers' streams are read into the same pooled pipe memory,
/// a whole block at a time.
/// One transport block (64 KiB) per read: larger requests bypass the transport's pool for ArrayPool/heap arrays,
/// which at 1,024 concurrent downloads took the server to 620 MiB RSS; block-sized reads keep it at 187 MiB with the
/// same throughput (berth bench pull, 64 MiB blob).
/// </summary>
/// <remarks>
/// Files are read synchronously, several blocks per flush. On Linux .NET has no asynchronous file read: ReadAsync
/// queues a blocking pread to the thread pool (SafeFileHandle.ThreadPoolValueTaskSource), to the local queue of the
/// thread that asked. So the async form blocks a pool thread just as long as reading here does, and adds a queue hop
/// per block whose wait depends on what else that thread has queued: with request code on the socket I/O threads
/// (Berth:InlineScheduling) the read waited behind the I/O loop, and some downloads starved for seconds while others
/// ran (docs/performance.md, "Tail latency of blob pulls"). Flushing every <see cref="BlocksPerFlush"/> blocks
/// instead of every block also lets the transport send them in one call and wakes the writer half as often.
/// </remarks>
internal sealed class BlobContentWriter(BlobStore blobs, RegistryMetrics metrics)
{
    /// <summary>The block size of the host's transport memory pool (Berth.Hosting.Transport.LargeBlockMemoryPool).</summary>
    private const int ChunkSize = 64 * 1024;

    /// <summary>
    /// Blocks read (from a file or a store's stream) before each flush. Each connection holds up to this many blocks until the socket takes
    /// them, so it bounds memory per download (128 KiB; 1,024 downloads hold 128 MiB of blocks at most).
    /// </summary>
    private const int BlocksPerFlush = 2;

    /// <param name="opened">The content from its first byte when the store opened it while looking the blob up; else it is opened here from <paramref name="offset"/>.</param>
    public async Task WriteAsync(HttpContext context, BlobInfo blob, StorageRead? opened, long offset, long length)
    {
        var cancellationToken = context.RequestAborted;
        if (opened is not null)
        {
            ArgumentOutOfRangeException.ThrowIfNotEqual(offset, 0L);
            await CopyAsync(context, length, Filling(opened.Content, cancellationToken), BlocksPerFlush, cancellationToken);
            return;
        }

        try
        {
            var localPath = blobs.GetLocalPath(blob);
            if (localPath is not null)
            {
                using var handle = OpenLocal(localPath, blob);
                await CopyAsync(context, length, (memory, position) => ValueTask.FromResult(RandomAccess.Read(handle, memory.Span, offset + position)), BlocksPerFlush, cancellationToken);
                return;
            }

            await using var stored = await blobs.OpenReadAsync(blob, offset, cancellationToken);
            await CopyAsync(context, length, Filling(stored.Content, cancellationToken), BlocksPerFlush, cancellationToken);
        }
        catch (StorageNotFoundException)
        {
            blobs.ContentGone(blob.Digest);
            throw;
        }
    }

    /// <summary>Copies a stream of blob bytes to the response until it ends; a known length that is not met is an error.</summary>
    public Task WriteStreamAsync(HttpContext context, Stream content, long? length)
    {
        var cancellationToken = context.RequestAborted;
        return CopyAsync(context, length ?? long.MaxValue, (memory, _) => content.ReadAsync(memory, cancellationToken), 1, cancellationToken, endIsExpected: length is null);
    }

    /// <summary>
    /// Reads a store's response a whole block at a time. The response arrives in whatever the socket holds when asked
    /// (a few KiB when the store or the machine is busy), and handing each piece on with a flush of its own cost a
    /// response write, a send and a wake-up of the output loop per piece (docs/performance.md, "Object storage").
    /// </summary>
    private static Func<Memory<byte>, long, ValueTask<int>> Filling(Stream content, CancellationToken cancellationToken) =>
        (memory, _) => content.ReadAtLeastAsync(memory, memory.Length, throwOnEndOfStream: false, cancellationToken);

    private static Microsoft.Win32.SafeHandles.SafeFileHandle OpenLocal(string path, BlobInfo blob)
    {
        try
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new StorageNotFoundException(blob.StoragePath, e);
        }
    }

    private async Task CopyAsync(
        HttpContext context,
        long length,
        Func<Memory<byte>, long, ValueTask<int>> read,
        int blocksPerFlush,
        CancellationToken cancellationToken,
        bool endIsExpected = false)
    {
        var writer = context.Response.BodyWriter;
        long sent = 0;
        try
        {
            var ended = false;
            while (sent < length && !ended)
            {
                for (var block = 0; block < blocksPerFlush && sent < length; block++)
                {
                    var want = (int)Math.Min(ChunkSize, length - sent);
                    var memory = writer.GetMemory(want);
                    if (memory.Length > want)
                    {
                        memory = memory[..want];
                    }

                    var count = await read(memory, sent);
                    if (count == 0)
                    {
                        if (!endIsExpected)
                        {
                            throw new IOException($"Blob content ended after {sent} of {length} bytes.");
                        }

                        ended = true;
                        break;
                    }

                    writer.Advance(count);
                    sent += count;
                }

                var flush = await writer.FlushAsync(cancellationToken);
                if (flush.IsCanceled || flush.IsCompleted)
                {
                    break;
                }
            }
        }
        finally
        {
            metrics.BytesSent(sent);
        }
    }
}
