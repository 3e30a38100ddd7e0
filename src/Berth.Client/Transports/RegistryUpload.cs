using System.Buffers;
using Berth.Client.Copy;

namespace Berth.Client.Transports;

/// <summary>
/// One blob upload into a registry, streamed in chunks of a fixed size. A blob that fits in one chunk goes as POST +
/// PUT; larger ones are PATCHed chunk by chunk with Content-Range and closed by a PUT ?digest=. The next chunk is read
/// (and compressed, when the source is a layer being compressed) while the current one is sent, so two chunk buffers
/// are the only memory it holds. When a connection drops mid-chunk, the upload status (GET, Range header) says how
/// much the registry kept and the rest of the chunk is sent from there, so a large blob is never restarted from its
/// first byte. With a known digest nothing is hashed here: the registry checks the digest of what it received at the
/// final PUT (and the copier's source stream checks it before that PUT is sent); without one (a layer compressed on
/// the way) the digest is computed as the chunks go.
/// </summary>
internal sealed class RegistryUpload(RegistryClient client, string repository, int chunkSize, RetryPolicy retry)
{
    public async Task<BlobWritten> RunAsync(Stream content, string? expectedDigest, CancellationToken cancellationToken)
    {
        using var hash = expectedDigest is null ? BlobDigest.CreateHash(null) : null;
        var current = ArrayPool<byte>.Shared.Rent(chunkSize);
        var next = ArrayPool<byte>.Shared.Rent(chunkSize);
        Task<int>? reading = null;
        try
        {
            var length = await StreamRead.FullAsync(content, current.AsMemory(0, chunkSize), cancellationToken);
            hash?.AppendData(current, 0, length);
            if (length < chunkSize)
            {
                var digest = expectedDigest ?? BlobDigest.Finish(hash!);
                await retry.RunAsync(
                    async _ => await client.CompleteUploadAsync(await client.StartUploadAsync(repository, cancellationToken), digest, current.AsMemory(0, length), cancellationToken),
                    null,
                    cancellationToken);
                return new BlobWritten(digest, length);
            }

            var location = await retry.RunAsync(_ => client.StartUploadAsync(repository, cancellationToken), null, cancellationToken);
            long offset = 0;
            while (length > 0)
            {
                var buffer = next;
                reading = Task.Run(() => StreamRead.FullAsync(content, buffer.AsMemory(0, chunkSize), cancellationToken), cancellationToken);
                location = await SendChunkAsync(location, current.AsMemory(0, length), offset, cancellationToken);
                offset += length;
                length = await reading;
                reading = null;
                hash?.AppendData(next, 0, length);
                (current, next) = (next, current);
            }

            var blobDigest = expectedDigest ?? BlobDigest.Finish(hash!);
            await retry.RunAsync(_ => client.CompleteUploadAsync(location, blobDigest, ReadOnlyMemory<byte>.Empty, cancellationToken), null, cancellationToken);
            return new BlobWritten(blobDigest, offset);
        }
        finally
        {
            if (reading is not null)
            {
                // A send failed while the next chunk was being read: the buffer goes back to the pool only once that read is over.
                await reading.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }

            ArrayPool<byte>.Shared.Return(current);
            ArrayPool<byte>.Shared.Return(next);
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
}
