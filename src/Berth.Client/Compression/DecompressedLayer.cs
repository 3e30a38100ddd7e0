using System.IO.Compression;
using Berth.Client.Copy;
using ZstdSharp;

namespace Berth.Client.Compression;

/// <summary>
/// A gzip or zstd layer read back as its uncompressed tar, for destinations that store layers uncompressed
/// (docker-archive). A decompressor may stop at the end of its last member or frame without reading the compressed
/// stream to its end, where the source's <see cref="VerifyingStream"/> checks the digest; so before this stream
/// reports its own end it reads the compressed stream out, and a corrupt layer fails before the destination keeps it.
/// </summary>
internal sealed class DecompressedLayer : WrappingStream
{
    private readonly Stream _compressed;

    private DecompressedLayer(Stream compressed, Stream decompressor)
        : base(decompressor)
    {
        _compressed = compressed;
    }

    /// <summary>The uncompressed tar of a gzip layer, or of a zstd one when the media type says so.</summary>
    public static Stream Open(Stream compressed, string mediaType) => new DecompressedLayer(
        compressed,
        mediaType == OciMediaTypes.ImageLayerZstd
            ? new DecompressionStream(compressed, leaveOpen: true)
            : new GZipStream(compressed, CompressionMode.Decompress, leaveOpen: true));

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = base.Read(buffer);
        if (read == 0 && buffer.Length > 0)
        {
            _compressed.CopyTo(Stream.Null);
        }

        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await base.ReadAsync(buffer, cancellationToken);
        if (read == 0 && buffer.Length > 0)
        {
            await _compressed.CopyToAsync(Stream.Null, cancellationToken);
        }

        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _compressed.Dispose();
        }

        base.Dispose(disposing);
    }
}
