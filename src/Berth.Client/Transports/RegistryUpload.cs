using System.Buffers;
using System.Runtime.ExceptionServices;
using Berth.Client.Copy;

namespace Berth.Client.Transports;

/// <summary>
/// One blob upload into a registry, streamed. A blob that ends within its first mebibyte goes as POST + PUT; larger
/// ones are PATCHed in chunks of up to the chunk size and closed by a PUT ?digest=. Each chunk's body is sent as the
/// source yields it (<see cref="UploadChunk"/>), so reading, compressing and sending overlap with no buffer filled
/// before a request starts, and the chunk's buffer is the only memory held. A chunk of a blob whose size is known gets
/// a Content-Range; a layer being compressed (size unknown until its end) is streamed chunk by chunk without one.
/// When a connection drops mid-chunk, the upload status (GET, Range header) says how much the registry kept and the
/// rest of the chunk is sent from there, so a large blob is never restarted from its first byte. With a known digest
/// nothing is hashed here: the registry checks the digest of what it received at the final PUT (and the copier's
/// source stream checks it before that PUT is sent); without one the digest is computed as the bytes are read.
/// </summary>
internal sealed class RegistryUpload(RegistryClient client, string repository, int chunkSize, RetryPolicy retry)
{
    private const int SmallBlob = 1024 * 1024;

    public async Task<BlobWritten> RunAsync(Stream content, string? expectedDigest, CancellationToken cancellationToken)
    {
        using var hash = expectedDigest is null ? BlobDigest.CreateHash(null) : null;
        var size = expectedDigest is null ? null : KnownLength(content);
        var buffer = ArrayPool<byte>.Shared.Rent(chunkSize);
        try
        {
            var chunk = NextChunk(content, buffer, size, 0, hash);
            await chunk.FillAsync(SmallBlob, cancellationToken);
            if (chunk.SourceEnded || chunk.Filled == size)
            {
                await EnsureEndedAsync(content, chunk, cancellationToken);
                var digest = expectedDigest ?? BlobDigest.Finish(hash!);
                await retry.RunAsync(
                    async _ => await client.CompleteUploadAsync(await client.StartUploadAsync(repository, cancellationToken), digest, chunk.Bytes, cancellationToken),
                    null,
                    cancellationToken);
                return new BlobWritten(digest, chunk.Filled);
            }

            var location = await retry.RunAsync(_ => client.StartUploadAsync(repository, cancellationToken), null, cancellationToken);
            long offset = 0;
            while (true)
            {
                location = await SendChunkAsync(location, chunk, offset, cancellationToken);
                offset += chunk.Filled;
                if (chunk.SourceEnded || offset == size)
                {
                    break;
                }

                // A request opens only with a byte to send: a blob ending on a chunk boundary needs no empty PATCH.
                var next = NextChunk(content, buffer, size, offset, hash);
                await next.FillAsync(1, cancellationToken);
                if (next.Filled == 0)
                {
                    break;
                }

                chunk = next;
            }

            await EnsureEndedAsync(content, chunk, cancellationToken);
            var blobDigest = expectedDigest ?? BlobDigest.Finish(hash!);
            await retry.RunAsync(_ => client.CompleteUploadAsync(location, blobDigest, ReadOnlyMemory<byte>.Empty, cancellationToken), null, cancellationToken);
            return new BlobWritten(blobDigest, offset);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The blob's length when the stream states it (the copier's verifying stream carries its descriptor's size).</summary>
    private static long? KnownLength(Stream content) =>
        content is VerifyingStream || content.CanSeek ? content.Length - content.Position : null;

    private UploadChunk NextChunk(Stream content, byte[] buffer, long? size, long offset, System.Security.Cryptography.IncrementalHash? hash) =>
        size is { } total
            ? new UploadChunk(content, buffer, (int)Math.Min(chunkSize, total - offset), exact: true, hash)
            : new UploadChunk(content, buffer, chunkSize, exact: false, hash);

    /// <summary>
    /// Reads the source to its end when the stated size was reached without seeing it, so a verifying stream checks
    /// the digest (and a longer stream fails) before the final PUT commits the blob.
    /// </summary>
    private static async Task EnsureEndedAsync(Stream content, UploadChunk last, CancellationToken cancellationToken)
    {
        if (!last.SourceEnded && await content.ReadAsync(new byte[1], cancellationToken) != 0)
        {
            throw new CopyException(CopyFailure.DigestMismatch, "The blob is longer than its descriptor says.");
        }
    }

    private async Task<Uri> SendChunkAsync(Uri location, UploadChunk chunk, long offset, CancellationToken cancellationToken)
    {
        var sent = 0;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await client.PatchChunkAsync(location, chunk.Content(sent), offset + sent, cancellationToken);
            }
            catch (Exception) when (chunk.SourceError is { } sourceError)
            {
                // The source failed while feeding the request (HttpClient wraps that): its own error is the one to report.
                ExceptionDispatchInfo.Throw(sourceError);
                throw;
            }
            catch (Exception e) when (attempt < retry.MaxAttempts && RetryPolicy.IsTransient(e, cancellationToken))
            {
                var delay = retry.DelayBefore(attempt + 1);
                retry.OnRetry?.Invoke(e, delay);
                await Task.Delay(delay, retry.Time, cancellationToken);
                var (received, current) = await retry.RunAsync(_ => client.GetUploadStatusAsync(location, cancellationToken), null, cancellationToken);
                if (received < offset || received > offset + chunk.Filled)
                {
                    throw new CopyException(CopyFailure.Transfer, $"The registry holds {received} bytes of the upload, outside the chunk at {offset} it was sent; cannot resume.", e);
                }

                location = current;
                sent = (int)(received - offset);
                if (chunk.Complete && sent == chunk.Filled)
                {
                    return location;
                }
            }
        }
    }
}
