using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Berth.Client.Tests.Copy;

/// <summary>
/// A large uncompressed "layer" generated on the fly (1 MiB blocks, each stamped with its number so blocks differ),
/// never held in memory or on disk: the stand-in for a 2 GB layer in flat-memory tests.
/// </summary>
internal sealed class GeneratedLayer(long length) : Stream
{
    private const int BlockSize = 1024 * 1024;
    private static readonly byte[] Template = CreateTemplate();
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    /// <summary>The sha256 digest of the whole generated stream, computed by reading it once.</summary>
    public static string Digest(long length)
    {
        using var stream = new GeneratedLayer(length);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var written = 0;
        Span<byte> stamp = stackalloc byte[sizeof(long)];
        while (written < buffer.Length && _position < length)
        {
            var inBlock = (int)(_position % BlockSize);
            var take = (int)Math.Min(Math.Min(buffer.Length - written, BlockSize - inBlock), length - _position);
            Template.AsSpan(inBlock, take).CopyTo(buffer[written..]);
            if (inBlock < sizeof(long))
            {
                BinaryPrimitives.WriteInt64LittleEndian(stamp, _position / BlockSize);
                var stampBytes = Math.Min(take, sizeof(long) - inBlock);
                stamp.Slice(inBlock, stampBytes).CopyTo(buffer[written..]);
            }

            written += take;
            _position += take;
        }

        return written;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private static byte[] CreateTemplate()
    {
        // Half random, half text: compressible like real layers, not trivially so.
        var block = new byte[BlockSize];
        new Random(17).NextBytes(block.AsSpan(0, BlockSize / 2));
        for (var i = BlockSize / 2; i < BlockSize; i++)
        {
            block[i] = (byte)('a' + (i % 23));
        }

        return block;
    }
}
