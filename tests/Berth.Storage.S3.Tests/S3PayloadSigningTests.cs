using Amazon.S3.Model;

namespace Berth.Storage.S3.Tests;

/// <summary>
/// Storage:S3:PayloadSigning: SigV4 reads a body once to hash it before sending it; unsigned bodies are read once, and
/// the store accepts them over plain http too (which the SDK's own switch refuses). The test stores are on loopback,
/// where Auto sends unsigned bodies.
/// </summary>
public abstract class S3PayloadSigningTests(S3Bucket bucket)
{
    [Theory]
    [InlineData("Unsigned", 1)]
    [InlineData("Signed", 2)]
    [InlineData("Auto", 1)]
    public async Task PutObject_OverPlainHttp_HashesTheBodyOnlyWhenSigned(string signing, int readsOfTheBody)
    {
        var options = bucket.Server.Options(bucket.Name);
        Assert.StartsWith("http://", options.Endpoint, StringComparison.Ordinal);
        options.PayloadSigning = signing;
        using var client = BerthS3Client.Create(options);
        var content = new byte[256 * 1024];
        new Random(readsOfTheBody).NextBytes(content);
        var key = "payload-signing/" + Guid.NewGuid().ToString("N");
        await using var body = new ReadCountingStream(content);

        await client.PutObjectAsync(new PutObjectRequest { BucketName = bucket.Name, Key = key, InputStream = body, UseChunkEncoding = false, AutoCloseStream = false });

        Assert.Equal((long)readsOfTheBody * content.Length, body.BytesRead);
        using var response = await client.GetObjectAsync(bucket.Name, key);
        var read = new byte[content.Length];
        await response.ResponseStream.ReadExactlyAsync(read);
        Assert.Equal(content, read);
    }

    /// <summary>A seekable body that counts the bytes read from it; copies go through its reads too (Stream's own CopyTo).</summary>
    private sealed class ReadCountingStream(byte[] content) : Stream
    {
        private readonly MemoryStream _inner = new(content, writable: false);

        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => _inner.Length;

        public override long Position
        {
            get => _inner.Position;
            set => _inner.Position = value;
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var read = _inner.Read(buffer);
            BytesRead += read;
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override long Seek(long offset, SeekOrigin origin) => _inner.Seek(offset, origin);

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

public sealed class CephRgwPayloadSigningTests(CephRgwBucket bucket) : S3PayloadSigningTests(bucket), IClassFixture<CephRgwBucket>;

public sealed class SwiftS3PayloadSigningTests(SwiftS3Bucket bucket) : S3PayloadSigningTests(bucket), IClassFixture<SwiftS3Bucket>;
