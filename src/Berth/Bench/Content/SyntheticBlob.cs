namespace Berth.Bench.Content;

/// <summary>
/// A blob made of a shared random block repeated up to <see cref="Size"/>, whose last bytes are a unique trailer.
/// The registry must receive and hash every byte, yet the client computes each digest by hashing only the trailer
/// on top of a saved hash state of the shared body (see <see cref="SyntheticBlobFactory"/>).
/// </summary>
internal sealed record SyntheticBlob(long Size, string Digest, ReadOnlyMemory<byte> Block, ReadOnlyMemory<byte> Trailer)
{
    /// <summary>The longest run of the blob's bytes starting at offset (at most max bytes) that is one contiguous slice.</summary>
    public ReadOnlyMemory<byte> Segment(long offset, int max)
    {
        var bodyLength = Size - Trailer.Length;
        if (offset >= bodyLength)
        {
            var trailerOffset = (int)(offset - bodyLength);
            return Trailer.Slice(trailerOffset, Math.Min(max, Trailer.Length - trailerOffset));
        }

        var blockOffset = (int)(offset % Block.Length);
        var count = (int)Math.Min(Math.Min(max, Block.Length - blockOffset), bodyLength - offset);
        return Block.Slice(blockOffset, count);
    }
}
