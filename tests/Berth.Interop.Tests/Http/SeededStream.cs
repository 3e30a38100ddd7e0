using System.Buffers.Binary;

namespace Berth.Interop.Tests.Http;

/// <summary>
/// A read-only stream of pseudo-random bytes, the same for the same seed, readable from any offset: large test blobs
/// are generated on the fly instead of being written to disk or held in memory.
/// </summary>
public sealed class SeededStream : Stream
{
    private readonly ulong _seed;
    private readonly long _length;
    private long _position;

    public SeededStream(ulong seed, long length, long offset = 0)
    {
        _seed = seed;
        _length = length;
        _position = offset;
    }

    public override bool CanRead => true;

    /// <summary>Not seekable, so HttpClient sends it chunked, as docker's streamed PATCH does.</summary>
    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Min(buffer.Length, _length - _position);
        var done = 0;
        Span<byte> word = stackalloc byte[8];
        while (done < count)
        {
            var position = _position + done;
            var start = (int)(position & 7);
            if (start == 0 && count - done >= 8)
            {
                // Whole words straight into the buffer: this is the path that makes gigabytes cheap.
                var words = (count - done) / 8;
                var counter = _seed + (ulong)(position >> 3);
                var target = buffer.Slice(done, words * 8);
                for (var w = 0; w < words; w++)
                {
                    BinaryPrimitives.WriteUInt64LittleEndian(target.Slice(w * 8, 8), Mix(counter + (ulong)w));
                }

                done += words * 8;
                continue;
            }

            BinaryPrimitives.WriteUInt64LittleEndian(word, Mix(_seed + (ulong)(position >> 3)));
            var take = Math.Min(8 - start, count - done);
            word.Slice(start, take).CopyTo(buffer.Slice(done, take));
            done += take;
        }

        _position += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>SplitMix64's finaliser: a counter in, well-mixed 64 bits out.</summary>
    private static ulong Mix(ulong z)
    {
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}
