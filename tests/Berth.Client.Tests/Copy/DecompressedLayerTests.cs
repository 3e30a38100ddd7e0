using System.IO.Compression;
using System.Security.Cryptography;
using Berth.Client.Compression;
using Berth.Client.Copy;

namespace Berth.Client.Tests.Copy;

/// <summary>
/// Layers decompressed for a docker-archive: the tar comes out whole (multi-member gzip, zstd), and the compressed
/// stream's digest is checked before the decompressed stream reports its end, so a corrupt layer is never kept.
/// </summary>
public sealed class DecompressedLayerTests
{
    private static readonly byte[] Tar = RandomNumberGenerator.GetBytes(3 * 1024 * 1024);

    [Theory]
    [InlineData(OciMediaTypes.ImageLayerGzip)]
    [InlineData(OciMediaTypes.ImageLayerZstd)]
    public async Task Read_ToTheEnd_YieldsTheUncompressedTar(string mediaType)
    {
        var compressed = Compress(mediaType);
        await using var layer = DecompressedLayer.Open(Verifying(compressed, BlobDigestOf(compressed)), mediaType);
        using var output = new MemoryStream();

        await layer.CopyToAsync(output);

        Assert.Equal(Tar, output.ToArray());
    }

    [Theory]
    [InlineData(OciMediaTypes.ImageLayerGzip)]
    [InlineData(OciMediaTypes.ImageLayerZstd)]
    public async Task Read_CompressedBytesNotMatchingTheirDigest_FailsBeforeTheEnd(string mediaType)
    {
        var compressed = Compress(mediaType);
        await using var layer = DecompressedLayer.Open(Verifying(compressed, "sha256:" + new string('0', 64)), mediaType);
        var buffer = new byte[64 * 1024];
        var ended = false;

        var error = await Assert.ThrowsAsync<CopyException>(async () =>
        {
            while (await layer.ReadAsync(buffer) > 0)
            {
            }

            ended = true;
        });

        Assert.Equal(CopyFailure.DigestMismatch, error.Failure);
        Assert.False(ended, "The decompressed layer reported its end although the compressed bytes did not match their digest.");
    }

    /// <summary>Two gzip members (as the parallel compressor writes them), or one zstd frame.</summary>
    private static byte[] Compress(string mediaType)
    {
        using var output = new MemoryStream();
        if (mediaType == OciMediaTypes.ImageLayerZstd)
        {
            using var zstd = new ZstdSharp.CompressionStream(output, 3, leaveOpen: true);
            zstd.Write(Tar);
        }
        else
        {
            foreach (var half in new[] { Tar.AsMemory(0, Tar.Length / 2), Tar.AsMemory(Tar.Length / 2) })
            {
                using var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true);
                gzip.Write(half.Span);
            }
        }

        return output.ToArray();
    }

    private static VerifyingStream Verifying(byte[] compressed, string digest) => new(new MemoryStream(compressed), digest, compressed.Length);

    private static string BlobDigestOf(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));
}
