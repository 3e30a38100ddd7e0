using System.Security.Cryptography;
using Berth.Client.Copy;
using Berth.Client.Transports;

namespace Berth.Client.Tests.Copy;

/// <summary>
/// Blobs written into an OCI layout through the overlapped writer: every byte in place whatever the source's read sizes,
/// the digest checked before the blob appears, and nothing left behind (neither blob nor temporary file) when the
/// source is corrupt or fails part way.
/// </summary>
public sealed class OciLayoutDestinationTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "berth-layout-" + Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    [InlineData((5 * BlobFileWriter.BufferSize / 2) + 123)]
    public async Task WriteBlob_ShortReads_StoresEveryByteUnderItsDigest(int length)
    {
        var blob = RandomNumberGenerator.GetBytes(length);
        var digest = Digest(blob);
        await using var destination = new OciLayoutDestination(new OciLayoutLocation(_directory, "v1"));

        var written = await destination.WriteBlobAsync(new VerifyingStream(new TrickleStream(blob, failAfter: null), digest, length), digest, CancellationToken.None);

        Assert.Equal(new BlobWritten(digest, length), written);
        Assert.Equal(blob, await File.ReadAllBytesAsync(OciLayoutFiles.BlobPath(_directory, digest)));
        Assert.Empty(Directory.GetFiles(Path.Combine(_directory, "blobs"), ".upload-*"));
    }

    [Fact]
    public async Task WriteBlob_UnknownDigest_HashesWhatItWrites()
    {
        var blob = RandomNumberGenerator.GetBytes((3 * BlobFileWriter.BufferSize) + 7);
        await using var destination = new OciLayoutDestination(new OciLayoutLocation(_directory, "v1"));

        var written = await destination.WriteBlobAsync(new TrickleStream(blob, failAfter: null), expectedDigest: null, CancellationToken.None);

        Assert.Equal(new BlobWritten(Digest(blob), blob.Length), written);
        Assert.Equal(blob, await File.ReadAllBytesAsync(OciLayoutFiles.BlobPath(_directory, written.Digest)));
    }

    [Fact]
    public async Task WriteBlob_BytesNotMatchingTheirDigest_FailAndLeaveNoFile()
    {
        var blob = RandomNumberGenerator.GetBytes((2 * BlobFileWriter.BufferSize) + 5);
        var claimed = "sha256:" + new string('0', 64);
        await using var destination = new OciLayoutDestination(new OciLayoutLocation(_directory, "v1"));

        var error = await Assert.ThrowsAsync<CopyException>(() =>
            destination.WriteBlobAsync(new VerifyingStream(new TrickleStream(blob, failAfter: null), claimed, blob.Length), claimed, CancellationToken.None));

        Assert.Equal(CopyFailure.DigestMismatch, error.Failure);
        Assert.Empty(Directory.GetFiles(Path.Combine(_directory, "blobs"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task WriteBlob_SourceFailingPartWay_PropagatesItsErrorAndLeavesNoFile()
    {
        var blob = RandomNumberGenerator.GetBytes(4 * BlobFileWriter.BufferSize);
        var digest = Digest(blob);
        await using var destination = new OciLayoutDestination(new OciLayoutLocation(_directory, "v1"));

        await Assert.ThrowsAsync<IOException>(() =>
            destination.WriteBlobAsync(new VerifyingStream(new TrickleStream(blob, failAfter: (3 * BlobFileWriter.BufferSize / 2)), digest, blob.Length), digest, CancellationToken.None));

        Assert.Empty(Directory.GetFiles(Path.Combine(_directory, "blobs"), "*", SearchOption.AllDirectories));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static string Digest(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>A socket-like source: reads of at most 6,000 bytes, optionally failing once a given offset is reached.</summary>
    private sealed class TrickleStream(byte[] content, int? failAfter) : Stream
    {
        private const int MaxRead = 6000;
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (failAfter is { } limit && _position >= limit)
            {
                throw new IOException("The connection was reset.");
            }

            var count = Math.Min(Math.Min(buffer.Length, MaxRead), content.Length - _position);
            content.AsSpan(_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            return Read(buffer.Span);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
