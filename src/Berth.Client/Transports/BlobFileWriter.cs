using System.Buffers;
using System.Security.Cryptography;
using Berth.Client.Copy;
using Microsoft.Win32.SafeHandles;

namespace Berth.Client.Transports;

/// <summary>
/// Copies a blob stream into a file with reading and writing overlapped: one buffer is filled (a download read from its
/// socket, hashed on the way by the copier's verifying stream) while the other is being written, and every write is a
/// whole buffer, so a pull makes one write call a mebibyte instead of one per socket read, and no read waits for a write.
/// </summary>
internal static class BlobFileWriter
{
    internal const int BufferSize = 1024 * 1024;

    /// <summary>Reads <paramref name="source"/> to its end into <paramref name="file"/>; returns the bytes written.</summary>
    /// <param name="hash">Hashes the bytes as they are written, when the source does not verify itself.</param>
    public static async Task<long> CopyAsync(Stream source, SafeFileHandle file, IncrementalHash? hash, CancellationToken cancellationToken)
    {
        byte[][] buffers = [ArrayPool<byte>.Shared.Rent(BufferSize), ArrayPool<byte>.Shared.Rent(BufferSize)];
        var writing = Task.CompletedTask;
        long size = 0;
        try
        {
            for (var turn = 0; ; turn ^= 1)
            {
                var buffer = buffers[turn];
                var filled = await StreamRead.FullAsync(source, buffer.AsMemory(0, BufferSize), cancellationToken);
                await writing;
                if (filled == 0)
                {
                    return size;
                }

                hash?.AppendData(buffer, 0, filled);
                writing = RandomAccess.WriteAsync(file, buffer.AsMemory(0, filled), size, cancellationToken).AsTask();
                size += filled;
            }
        }
        finally
        {
            // A failed read must not hand a buffer back to the pool while the write before it still reads from it.
            await writing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            foreach (var buffer in buffers)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }
}
