using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Berth.Registry.Blobs;
using Berth.Registry.Content;
using Berth.Registry.Diagnostics;
using Berth.Registry.Layout;
using Berth.Registry.Names;
using Berth.Registry.Storage;
using Berth.Storage;
using Microsoft.Extensions.Logging;

namespace Berth.Registry.Uploads;

/// <summary>
/// Blob upload sessions, kept entirely in storage (_uploads/&lt;id&gt;/data and startedat) so that any node can
/// continue any upload. Bytes are hashed while they are written; the digest is checked before the content becomes
/// visible, and a commit is a move of the upload's data to the blob path followed by the repository link, so a crash
/// never exposes a partial blob.
/// </summary>
public sealed class UploadStore(
    IStorageDriver driver,
    BlobStore blobs,
    UploadHashCache hashCache,
    RegistryMetrics metrics,
    TimeProvider timeProvider,
    ILogger<UploadStore> logger)
{
    /// <summary>
    /// The smallest non-final chunk accepted, advertised as OCI-Chunk-Min-Length. Zero: the spec lets the final chunk
    /// arrive by PATCH, so a server cannot tell a short final chunk from a short middle one when it arrives; any
    /// minimum above zero could only be enforced by refusing the chunk after it.
    /// </summary>
    public const long ChunkMinLength = 0;

    private const int BufferSize = 256 * 1024;

    public async Task<UploadStatus> StartAsync(RepositoryName name, CancellationToken cancellationToken)
    {
        var id = UploadId.New();
        var startedAt = timeProvider.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        await driver.PutContentAsync(RegistryLayout.UploadStartedAt(name, id), Encoding.UTF8.GetBytes(startedAt), cancellationToken);
        var writer = await driver.CreateWriterAsync(RegistryLayout.UploadData(name, id), append: false, cancellationToken);
        await using (writer)
        {
            await writer.CloseAsync(cancellationToken);
        }

        return new UploadStatus(id, 0);
    }

    public async Task<UploadStatus> GetStatusAsync(RepositoryName name, string id, CancellationToken cancellationToken)
    {
        await EnsureExistsAsync(name, id, cancellationToken);
        var data = await driver.TryStatAsync(RegistryLayout.UploadData(name, id), cancellationToken);
        return new UploadStatus(id, data?.Size ?? 0);
    }

    /// <summary>Appends a chunk (PATCH); a chunk that does not start where the upload ends is refused with 416.</summary>
    public async Task<UploadStatus> AppendAsync(RepositoryName name, string id, UploadChunk chunk, CancellationToken cancellationToken)
    {
        await EnsureExistsAsync(name, id, cancellationToken);
        var writer = await driver.CreateWriterAsync(RegistryLayout.UploadData(name, id), append: true, cancellationToken);
        await using (writer)
        {
            var hash = await TakeHashAsync(name, id, DigestAlgorithm.Sha256, writer.Size, cancellationToken);
            try
            {
                await WriteChunkAsync(writer, hash, chunk, cancellationToken);
                var size = writer.Size;
                await writer.CloseAsync(cancellationToken);
                hashCache.Save(id, DigestAlgorithm.Sha256, size, hash);
                return new UploadStatus(id, size);
            }
            catch
            {
                hash.Dispose();
                throw;
            }
        }
    }

    /// <summary>
    /// Finishes the upload (PUT ?digest=): appends the optional last chunk, verifies the digest over every byte,
    /// then moves the content to its blob path and links it to the repository. On a mismatch the upload is deleted.
    /// </summary>
    public async Task<Digest> CompleteAsync(RepositoryName name, string id, Digest digest, UploadChunk? lastChunk, CancellationToken cancellationToken)
    {
        await EnsureExistsAsync(name, id, cancellationToken);
        var dataPath = RegistryLayout.UploadData(name, id);
        Digest actual;
        var writer = await driver.CreateWriterAsync(dataPath, append: true, cancellationToken);
        await using (writer)
        {
            using var hash = await TakeHashAsync(name, id, digest.Algorithm, writer.Size, cancellationToken);
            if (lastChunk is not null)
            {
                await WriteChunkAsync(writer, hash, lastChunk, cancellationToken);
            }

            await writer.CommitAsync(cancellationToken);
            actual = Digest.FromHash(digest.Algorithm, hash.GetHashAndReset());
        }

        hashCache.Remove(id);
        if (actual != digest)
        {
            await driver.TryDeleteAsync(RegistryLayout.Upload(name, id), cancellationToken);
            throw new RegistryException(
                RegistryErrorCode.DigestInvalid,
                $"The uploaded content has digest {actual}, not {digest}; the upload was discarded.",
                new { expected = digest.ToString(), actual = actual.ToString() });
        }

        if (await blobs.ExistsAsync(digest, cancellationToken))
        {
            Log.BlobAlreadyStored(logger, digest);
        }
        else
        {
            await driver.MoveAsync(dataPath, RegistryLayout.BlobData(digest), cancellationToken);
        }

        await blobs.LinkAsync(name, digest, cancellationToken);
        await driver.TryDeleteAsync(RegistryLayout.Upload(name, id), cancellationToken);
        metrics.BlobOperation("upload");
        return digest;
    }

    public async Task CancelAsync(RepositoryName name, string id, CancellationToken cancellationToken)
    {
        await EnsureExistsAsync(name, id, cancellationToken);
        hashCache.Remove(id);
        await driver.TryDeleteAsync(RegistryLayout.Upload(name, id), cancellationToken);
    }

    private async Task EnsureExistsAsync(RepositoryName name, string id, CancellationToken cancellationToken)
    {
        if (!UploadId.IsValid(id) || !await driver.ExistsAsync(RegistryLayout.UploadStartedAt(name, id), cancellationToken))
        {
            throw new RegistryException(RegistryErrorCode.BlobUploadUnknown, $"Upload '{id}' is unknown to this repository.", new { uploadId = id });
        }
    }

    /// <summary>The hash of the first <paramref name="size"/> bytes: from the cache, or rebuilt by reading them back.</summary>
    private async Task<IncrementalHash> TakeHashAsync(RepositoryName name, string id, DigestAlgorithm algorithm, long size, CancellationToken cancellationToken)
    {
        var cached = hashCache.Take(id, algorithm, size);
        if (cached is not null)
        {
            return cached;
        }

        var hash = algorithm.CreateHash();
        if (size == 0)
        {
            return hash;
        }

        metrics.Rehashed();
        Log.Rehash(logger, id, size);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            await using var stream = await driver.OpenReadAsync(RegistryLayout.UploadData(name, id), 0, cancellationToken);
            var remaining = size;
            while (remaining > 0)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), cancellationToken);
                if (read == 0)
                {
                    throw new InvalidOperationException($"Upload {id} data ended after {size - remaining} of {size} bytes.");
                }

                hash.AppendData(buffer, 0, read);
                remaining -= read;
            }

            return hash;
        }
        catch
        {
            hash.Dispose();
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task WriteChunkAsync(IStorageWriter writer, IncrementalHash hash, UploadChunk chunk, CancellationToken cancellationToken)
    {
        if (chunk.Start is { } start && start != writer.Size)
        {
            throw new RegistryException(
                RegistryErrorCode.RangeInvalid,
                $"The chunk starts at byte {start} but the upload has {writer.Size} bytes; send chunks in order.",
                new { uploaded = writer.Size },
                status: 416);
        }

        metrics.UploadStarted();
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long received = 0;
            var limit = chunk.Length ?? long.MaxValue;
            while (true)
            {
                var filled = 0;
                while (filled < buffer.Length)
                {
                    var read = await chunk.Body.ReadAsync(buffer.AsMemory(filled), cancellationToken);
                    if (read == 0)
                    {
                        break;
                    }

                    filled += read;
                }

                if (filled == 0)
                {
                    break;
                }

                if (received + filled > limit)
                {
                    throw SizeInvalid(chunk.Length!.Value, received + filled);
                }

                hash.AppendData(buffer, 0, filled);
                await writer.WriteAsync(buffer.AsMemory(0, filled), cancellationToken);
                received += filled;
                metrics.BytesReceived(filled);
                if (filled < buffer.Length)
                {
                    break;
                }
            }

            if (chunk.Length is { } length && received != length)
            {
                throw SizeInvalid(length, received);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            metrics.UploadEnded();
        }
    }

    private static RegistryException SizeInvalid(long declared, long received) =>
        new(RegistryErrorCode.SizeInvalid, $"The request declared {declared} bytes but sent {(received > declared ? "more" : received.ToString(CultureInfo.InvariantCulture))}.");
}
