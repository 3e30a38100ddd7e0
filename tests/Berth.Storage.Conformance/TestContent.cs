using System.Buffers;
using System.Security.Cryptography;

namespace Berth.Storage.Conformance;

/// <summary>Deterministic pseudo-random content, made chunk by chunk so large objects are never held in memory.</summary>
internal static class TestContent
{
    public static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Writes <paramref name="length"/> bytes in chunks of <paramref name="chunkSize"/> and returns their SHA-256.</summary>
    public static async Task<byte[]> WriteAsync(IStorageWriter writer, long length, int chunkSize, int seed, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(chunkSize);
        try
        {
            var random = new Random(seed);
            for (long written = 0; written < length;)
            {
                var count = (int)Math.Min(chunkSize, length - written);
                var chunk = buffer.AsMemory(0, count);
                random.NextBytes(chunk.Span);
                hash.AppendData(chunk.Span);
                await writer.WriteAsync(chunk, cancellationToken);
                written += count;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return hash.GetHashAndReset();
    }

    /// <summary>Reads the stream to its end and returns its length and SHA-256.</summary>
    public static async Task<(long Length, byte[] Sha256)> HashAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(256 * 1024);
        try
        {
            long length = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                length += read;
            }

            return (length, hash.GetHashAndReset());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static async Task<byte[]> ReadAllAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var memory = new MemoryStream();
        await stream.CopyToAsync(memory, cancellationToken);
        return memory.ToArray();
    }
}
