using System.Security.Cryptography;

namespace Berth.Client.Copy;

/// <summary>
/// Reads through another stream, hashing every byte and counting them; at the end of the stream the digest and length
/// are checked against the descriptor, so corrupt bytes fail the copy before the destination commits them.
/// </summary>
internal sealed class VerifyingStream : Stream
{
    private readonly Stream _inner;
    private readonly IncrementalHash _hash;
    private readonly string _expectedDigest;
    private readonly long _expectedSize;
    private readonly Action<int>? _onRead;
    private long _read;
    private bool _verified;

    public VerifyingStream(Stream inner, string expectedDigest, long expectedSize, Action<int>? onRead = null)
    {
        _onRead = onRead;
        _inner = inner;
        _expectedDigest = expectedDigest;
        _expectedSize = expectedSize;
        _hash = BlobDigest.CreateHash(expectedDigest);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => _expectedSize;

    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = _inner.Read(buffer);
        return Account(buffer[..read]);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await _inner.ReadAsync(buffer, cancellationToken);
        return Account(buffer.Span[..read]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await _inner.DisposeAsync();
        _hash.Dispose();
        await base.DisposeAsync();
    }

    private int Account(ReadOnlySpan<byte> data)
    {
        _read += data.Length;
        if (_read > _expectedSize)
        {
            throw new CopyException(CopyFailure.DigestMismatch, $"Blob {_expectedDigest} is longer than its descriptor's {_expectedSize} bytes.");
        }

        if (data.Length > 0)
        {
            _hash.AppendData(data);
            _onRead?.Invoke(data.Length);
        }
        else if (!_verified)
        {
            _verified = true;
            if (_read != _expectedSize)
            {
                throw new CopyException(CopyFailure.DigestMismatch, $"Blob {_expectedDigest} ended after {_read} of {_expectedSize} bytes.");
            }

            BlobDigest.Verify(_expectedDigest, BlobDigest.Finish(_hash), "Blob");
        }

        return data.Length;
    }
}
