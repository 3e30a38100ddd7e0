using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace Berth.Client.Compression;

/// <summary>
/// One chunk of a layer as one complete gzip member (RFC 1952) whose deflate data (RFC 1951) mixes two kinds of block:
/// stretches that look incompressible (already-compressed files, random bytes) are written as stored blocks, a copy
/// and a CRC; the rest goes through zlib at the requested level. zlib itself spends as long on incompressible input as
/// on text (about 40 MB/s a core at level 6, and level 1 even expands it by 5 %), which made compressing a layer with
/// compressed files in it cost 3× skopeo's CPU. Each compressed stretch is its own raw deflate stream ended by a sync
/// flush (so it ends on a byte boundary and is not final); the member ends with an empty final stored block.
/// </summary>
internal static class GzipMember
{
    /// <summary>Bytes judged at a time; also the largest stored block (65,535) rounded down to a power of two.</summary>
    private const int Block = 32 * 1024;

    /// <summary>
    /// Order-0 entropy (bits a byte) at or above which a block is stored: there Huffman coding saves under 1.3 % and
    /// such blocks hold no repeats for LZ77 to find in practice. Random bytes measure 7.97 from an 8 KiB sample, text
    /// 4–5, machine code 5–6.5. A partial last block (under 32 KiB) is always deflated.
    /// </summary>
    private const double StoredEntropy = 7.9;

    private const int SampleWindows = 4;

    private const int SampleWindow = 2048;

    private static readonly byte[] Header = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255];
    private static readonly byte[] FinalEmptyStoredBlock = [1, 0, 0, 0xff, 0xff];

    public static void Write(ReadOnlySpan<byte> chunk, int level, PooledBufferStream output)
    {
        output.Write(Header);
        var start = 0;
        var stored = !chunk.IsEmpty && IsIncompressible(BlockAt(chunk, 0));
        while (start < chunk.Length)
        {
            // The run of blocks of the same kind, so each deflate stream gets as much input as it can.
            var end = Math.Min(chunk.Length, start + Block);
            var nextStored = stored;
            while (end < chunk.Length && (nextStored = IsIncompressible(BlockAt(chunk, end))) == stored)
            {
                end = Math.Min(chunk.Length, end + Block);
            }

            if (stored)
            {
                WriteStored(chunk[start..end], output);
            }
            else
            {
                WriteDeflated(chunk[start..end], level, output);
            }

            start = end;
            stored = nextStored;
        }

        output.Write(FinalEmptyStoredBlock);
        Span<byte> trailer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, Crc32.HashToUInt32(chunk));
        BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], (uint)chunk.Length);
        output.Write(trailer);
    }

    private static ReadOnlySpan<byte> BlockAt(ReadOnlySpan<byte> chunk, int start) => chunk[start..Math.Min(chunk.Length, start + Block)];

    /// <summary>
    /// True when the block's byte distribution is close enough to uniform that deflate cannot shrink it. The counts
    /// come from four contiguous windows spread over the block (a quarter of its bytes): contiguous, so data with a
    /// period (arrays of 32-bit numbers) is seen whole and not one byte lane of it.
    /// </summary>
    internal static bool IsIncompressible(ReadOnlySpan<byte> block)
    {
        if (block.Length < Block)
        {
            return false;
        }

        // Four tables, so consecutive increments do not wait on one another.
        Span<int> counts = stackalloc int[1024];
        counts.Clear();
        var sampled = 0;
        for (var window = 0; window < SampleWindows; window++)
        {
            var sample = block.Slice(window * (Block / SampleWindows), SampleWindow);
            for (var i = 0; i < sample.Length; i += 4)
            {
                counts[sample[i]]++;
                counts[256 + sample[i + 1]]++;
                counts[512 + sample[i + 2]]++;
                counts[768 + sample[i + 3]]++;
            }

            sampled += sample.Length;
        }

        double sum = 0;
        for (var symbol = 0; symbol < 256; symbol++)
        {
            var count = counts[symbol] + counts[256 + symbol] + counts[512 + symbol] + counts[768 + symbol];
            if (count > 0)
            {
                sum += count * Math.Log2(count);
            }
        }

        var entropy = Math.Log2(sampled) - (sum / sampled);
        return entropy >= StoredEntropy;
    }

    private static void WriteStored(ReadOnlySpan<byte> data, PooledBufferStream output)
    {
        Span<byte> header = stackalloc byte[5];
        while (!data.IsEmpty)
        {
            var length = Math.Min(data.Length, ushort.MaxValue);

            // BFINAL 0, BTYPE 00, padded to the byte; LEN and its one's complement.
            header[0] = 0;
            BinaryPrimitives.WriteUInt16LittleEndian(header[1..], (ushort)length);
            BinaryPrimitives.WriteUInt16LittleEndian(header[3..], (ushort)~length);
            output.Write(header);
            output.Write(data[..length]);
            data = data[length..];
        }
    }

    private static void WriteDeflated(ReadOnlySpan<byte> data, int level, PooledBufferStream output)
    {
        var deflate = new DeflateStream(output, new ZLibCompressionOptions { CompressionLevel = level }, leaveOpen: true);
        deflate.Write(data);

        // Flush is zlib's Z_SYNC_FLUSH: everything so far is out, ending on a byte boundary with an empty stored block.
        // What dispose adds after it is the stream's final block, which must not end the member here.
        deflate.Flush();
        var flushed = output.Length;
        deflate.Dispose();
        output.Truncate((int)flushed);
    }
}
