using Berth.Client.Copy;
using System.Buffers;
using System.IO.Pipelines;

namespace Berth.Client.Compression;

/// <summary>
/// gzip on every core: the input is cut into fixed-size chunks, each compressed on its own into a complete gzip
/// member, and the members are written in order. A concatenation of members is one valid gzip stream (RFC 1952 §2.2)
/// that gunzip, Go's gzip reader and .NET all read whole; <see cref="GzipMember"/> writes each one. At most <c>threads + 1</c> chunks are in flight, so memory
/// stays flat whatever the layer size.
/// </summary>
internal static class ParallelGzip
{
    public static async Task CompressAsync(Stream source, PipeWriter output, CompressionSettings settings, CancellationToken cancellationToken)
    {
        var level = settings.Level ?? CompressionSettings.DefaultGzipLevel;
        var inFlight = new Queue<Task<Member>>();
        var maxInFlight = Math.Max(1, settings.Threads) + 1;
        try
        {
            while (true)
            {
                var chunk = ArrayPool<byte>.Shared.Rent(settings.GzipChunkSize);
                var length = await StreamRead.FullAsync(source, chunk.AsMemory(0, settings.GzipChunkSize), cancellationToken);
                if (length == 0)
                {
                    ArrayPool<byte>.Shared.Return(chunk);
                    break;
                }

                inFlight.Enqueue(Task.Run(() => Compress(chunk, length, level), cancellationToken));
                if (inFlight.Count >= maxInFlight)
                {
                    await WriteAsync(await inFlight.Dequeue(), output, cancellationToken);
                }

                if (length < settings.GzipChunkSize)
                {
                    break;
                }
            }

            while (inFlight.Count > 0)
            {
                await WriteAsync(await inFlight.Dequeue(), output, cancellationToken);
            }
        }
        finally
        {
            foreach (var pending in inFlight)
            {
                try
                {
                    (await pending).Dispose();
                }
                catch (OperationCanceledException)
                {
                    // Cancelled with the copy: nothing to return to the pool.
                }
            }
        }
    }

    private static Member Compress(byte[] chunk, int length, int level)
    {
        try
        {
            // A member of incompressible data is slightly larger than its input; the stream grows as needed.
            var compressed = new PooledBufferStream(length + (length / 64) + 64);
            GzipMember.Write(chunk.AsSpan(0, length), level, compressed);
            return new Member(compressed);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private static async Task WriteAsync(Member member, PipeWriter output, CancellationToken cancellationToken)
    {
        using (member)
        {
            var result = await output.WriteAsync(member.Buffer.WrittenMemory, cancellationToken);
            if (result.IsCanceled || result.IsCompleted)
            {
                throw new OperationCanceledException("The reader of the compressed layer stopped.");
            }
        }
    }

    private sealed record Member(PooledBufferStream Buffer) : IDisposable
    {
        public void Dispose() => Buffer.Dispose();
    }
}
