using System.Buffers;

namespace Berth.Storage.S3;

/// <summary>
/// Holds one multipart part in pooled 1 MiB segments, so a writer's memory is bounded by the part size; the
/// segments are reused from part to part and go back to the pool when the writer is done.
/// <see cref="OpenRead"/> gives the SDK a seekable view it can rewind on retries.
/// </summary>
internal sealed class PartBuffer : IDisposable
{
    public const int SegmentSize = 1024 * 1024;
    private readonly List<byte[]> _segments = [];

    public int Length { get; private set; }

    /// <summary>The memory the buffer holds: its segments, whatever part of them is in use.</summary>
    public long Capacity => (long)_segments.Count * SegmentSize;

    /// <summary>Copies as much of <paramref name="source"/> as fits below <paramref name="limit"/> bytes; returns the count.</summary>
    public int Append(ReadOnlySpan<byte> source, int limit)
    {
        var count = Math.Min(source.Length, limit - Length);
        var copied = 0;
        while (copied < count)
        {
            var segment = Length / SegmentSize;
            if (segment == _segments.Count)
            {
                _segments.Add(ArrayPool<byte>.Shared.Rent(SegmentSize));
            }

            var offset = Length % SegmentSize;
            var chunk = Math.Min(count - copied, SegmentSize - offset);
            source.Slice(copied, chunk).CopyTo(_segments[segment].AsSpan(offset, chunk));
            copied += chunk;
            Length += chunk;
        }

        return count;
    }

    public async Task AppendAsync(Stream source, CancellationToken cancellationToken)
    {
        var rented = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int read;
            while ((read = await source.ReadAsync(rented, cancellationToken)) > 0)
            {
                Append(rented.AsSpan(0, read), int.MaxValue);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public Stream OpenRead() => new PartBufferStream(this);

    /// <summary>Empties the buffer, keeping its segments for the next part.</summary>
    public void Reset() => Length = 0;

    /// <summary>Gives the segments past the content back to the pool (a buffer kept after a part was sent holds a whole part's).</summary>
    public void TrimExcess()
    {
        var needed = (Length + SegmentSize - 1) / SegmentSize;
        for (var i = _segments.Count - 1; i >= needed; i--)
        {
            ArrayPool<byte>.Shared.Return(_segments[i]);
            _segments.RemoveAt(i);
        }
    }

    /// <summary>Empties the buffer and gives its segments back to the pool.</summary>
    public void Dispose()
    {
        foreach (var segment in _segments)
        {
            ArrayPool<byte>.Shared.Return(segment);
        }

        _segments.Clear();
        Length = 0;
    }

    internal int CopyTo(long position, Span<byte> destination)
    {
        var count = (int)Math.Min(destination.Length, Length - position);
        var copied = 0;
        while (copied < count)
        {
            var at = position + copied;
            var segment = (int)(at / SegmentSize);
            var offset = (int)(at % SegmentSize);
            var chunk = Math.Min(count - copied, SegmentSize - offset);
            _segments[segment].AsSpan(offset, chunk).CopyTo(destination.Slice(copied, chunk));
            copied += chunk;
        }

        return count;
    }
}
