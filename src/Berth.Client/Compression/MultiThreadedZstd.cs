using System.Buffers;
using System.IO.Pipelines;
using ZstdSharp;
using ZstdSharp.Unsafe;

namespace Berth.Client.Compression;

/// <summary>zstd through ZstdSharp with its worker threads on (ZSTD_c_nbWorkers): one frame, every core busy.</summary>
internal static class MultiThreadedZstd
{
    private const int ReadSize = 1024 * 1024;

    public static async Task CompressAsync(Stream source, PipeWriter output, CompressionSettings settings, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ReadSize);
        try
        {
            await using var zstd = new CompressionStream(output.AsStream(leaveOpen: true), settings.Level ?? 3, leaveOpen: false);
            if (settings.Threads > 1)
            {
                zstd.SetParameter(ZSTD_cParameter.ZSTD_c_nbWorkers, settings.Threads);
            }

            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(0, ReadSize), cancellationToken)) > 0)
            {
                await zstd.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
