using System.Buffers;
using Berth.Client.Copy;

namespace Berth.Client.Transports;

/// <summary>
/// One blob upload into a registry, streamed in chunks of a fixed size (the only memory it holds). A blob that fits
/// in one chunk goes as POST + PUT; larger ones are PATCHed chunk by chunk with Content-Range and closed by a PUT
/// ?digest=. When a connection drops mid-chunk, the upload status (GET, Range header) says how much the registry kept
/// and the rest of the chunk is sent from there, so a large blob is never restarted from its first byte.
/// </summary>
internal sealed class RegistryUpload(RegistryClient client, string repository, int chunkSize, RetryPolicy retry)
{
    public async Task<BlobWritten> RunAsync(Stream content, string? expectedDigest, CancellationToken cancellationToken)
    {
        using var hash = BlobDigest.CreateHash(expectedDigest);
        var buffer = ArrayPool<byte>.Shared.Rent(chunkSize);
        try
        {
            var length = await StreamRead.FullAsync(content, buffer.AsMemory(0, chunkSize), cancellationToken);
            hash.AppendData(buffer, 0, length);
            if (length < chunkSize)
            {
                var digest = Finish(hash, expectedDigest);
                await retry.RunAsync(
                    async _ => await client.CompleteUploadAsync(await client.StartUploadAsync(repository, cancellationToken), digest, buffer.AsMemory(0, length), cancellationToken),
                    null,
                    cancellationToken);
                return new BlobWritten(digest, length);
            }

            var location = await retry.RunAsync(_ => client.StartUploadAsync(repository, cancellationToken), null, cancellationToken);
            long offset = 0;
            while (length > 0)
            {
                location = await SendChunkAsync(location, buffer.AsMemory(0, length), offset, cancellationToken);
                offset += length;
                length = await StreamRead.FullAsync(content, buffer.AsMemory(0, chunkSize), cancellationToken);
                hash.AppendData(buffer, 0, length);
            }

            var blobDigest = Finish(hash, expectedDigest);
            await retry.RunAsync(_ => client.CompleteUploadAsync(location, blobDigest, ReadOnlyMemory<byte>.Empty, cancellationToken), null, cancellationToken);
            return new BlobWritten(blobDigest, offset);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task<Uri> SendChunkAsync(Uri location, ReadOnlyMemory<byte> chunk, long offset, CancellationToken cancellationToken)
    {
        var sent = 0;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await client.PatchChunkAsync(location, chunk[sent..], offset + sent, cancellationToken);
            }
            catch (Exception e) when (attempt < retry.MaxAttempts && RetryPolicy.IsTransient(e, cancellationToken))
            {
                var delay = retry.DelayBefore(attempt + 1);
                retry.OnRetry?.Invoke(e, delay);
                await Task.Delay(delay, retry.Time, cancellationToken);
                var (received, current) = await retry.RunAsync(_ => client.GetUploadStatusAsync(location, cancellationToken), null, cancellationToken);
                if (received < offset || received > offset + chunk.Length)
                {
                    throw new CopyException(CopyFailure.Transfer, $"The registry holds {received} bytes of the upload, outside the chunk at {offset} it was sent; cannot resume.", e);
                }

                location = current;
                sent = (int)(received - offset);
                if (sent == chunk.Length)
                {
                    return location;
                }
            }
        }
    }

    private static string Finish(System.Security.Cryptography.IncrementalHash hash, string? expectedDigest)
    {
        var digest = BlobDigest.Finish(hash);
        if (expectedDigest is not null)
        {
            BlobDigest.Verify(expectedDigest, digest, "Blob");
        }

        return digest;
    }
}
