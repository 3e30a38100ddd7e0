using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Berth.Registry.Blobs;
using Berth.Registry.Content;
using Berth.Registry.Diagnostics;
using Berth.Registry.Layout;
using Berth.Registry.Names;
using Berth.Registry.Quotas;
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
    QuotaEnforcer quotas,
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

    /// <summary>The least a receive loop gathers from the request before hashing and writing it, and the re-hash's read size.</summary>
    private const int WriteSize = 256 * 1024;

    private readonly UploadWriterGate _writing = new();

    public async Task<UploadStatus> StartAsync(RepositoryName name, CancellationToken cancellationToken)
    {
        var id = UploadId.New();
        var startedAt = timeProvider.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        await driver.PutContentAsync(RegistryLayout.UploadStartedAt(name, id), Encoding.UTF8.GetBytes(startedAt), cancellationToken);
        // The id is fresh and random: no earlier writer can have left anything at its path to look for.
        var writer = await driver.CreateFreshWriterAsync(RegistryLayout.UploadData(name, id), cancellationToken);
        await using (writer)
        {
            await writer.CloseAsync(cancellationToken);
        }

        return new UploadStatus(id, 0);
    }

    public async Task<UploadStatus> GetStatusAsync(RepositoryName name, string id, CancellationToken cancellationToken)
    {
        await EnsureExistsAsync(name, id, cancellationToken);
        try
        {
            return new UploadStatus(id, await driver.GetAppendableSizeAsync(RegistryLayout.UploadData(name, id), cancellationToken));
        }
        catch (StorageNotFoundException)
        {
            throw UploadUnknown(id);
        }
    }

    /// <summary>Appends a chunk (PATCH); a chunk that does not start where the upload ends is refused with 416.</summary>
    public async Task<UploadStatus> AppendAsync(RepositoryName name, string id, UploadChunk chunk, CancellationToken cancellationToken)
    {
        using var gate = EnterWriting(id);
        var writer = await OpenWriterAsync(name, id, cancellationToken);
        await using (writer)
        {
            var hash = TakeHash(id, DigestAlgorithm.Sha256, writer.Size);
            try
            {
                await WriteChunkAsync(writer, hash, chunk, cancellationToken);
                var size = writer.Size;
                await writer.CloseAsync(cancellationToken);
                if (hash is not null)
                {
                    hashCache.Save(id, DigestAlgorithm.Sha256, size, hash);
                    hash = null;
                }

                return new UploadStatus(id, size);
            }
            finally
            {
                hash?.Dispose();
            }
        }
    }

    /// <summary>
    /// Finishes the upload (PUT ?digest=): appends the optional last chunk, verifies the digest over every byte, links
    /// the blob to the repository, then puts the content at its blob path unless it is there already. On a mismatch the
    /// upload is deleted. Returns the blob with its size, known from the upload's writer, so no stat is needed to report it.
    /// </summary>
    /// <remarks>
    /// When this process holds the running hash, the digest is known before anything is committed, and the writer
    /// commits straight to the blob path where its driver can (an object store puts content smaller than a part in one
    /// request instead of writing it to the upload and copying it); otherwise the upload is committed first and read
    /// back to hash it. Either way nothing reaches the blob path before the digest is verified and the link written.
    /// </remarks>
    public async Task<BlobInfo> CompleteAsync(RepositoryName name, string id, Digest digest, UploadChunk? lastChunk, CancellationToken cancellationToken)
    {
        using var gate = EnterWriting(id);
        var dataPath = RegistryLayout.UploadData(name, id);
        long size;
        var writer = await OpenWriterAsync(name, id, cancellationToken);
        await using (writer)
        {
            using var hash = TakeHash(id, digest.Algorithm, writer.Size);
            if (lastChunk is not null)
            {
                await WriteChunkAsync(writer, hash, lastChunk, cancellationToken);
            }

            size = writer.Size;
            var committed = hash is null;
            if (committed)
            {
                await writer.CommitAsync(cancellationToken);
            }

            var actual = hash is not null
                ? Digest.FromHash(digest.Algorithm, hash.GetHashAndReset())
                : await RehashAsync(dataPath, id, digest.Algorithm, cancellationToken);
            hashCache.Remove(id);
            await AdmitAsync(name, id, digest, actual, size, committed ? null : writer, cancellationToken);

            // Link first, then look for the content: a garbage collection that set the blob aside before the link was
            // written gets the uploaded copy back here instead of failing the manifest push that follows (docs/gc.md).
            await blobs.LinkAsync(name, digest, cancellationToken);
            var blobPath = RegistryLayout.BlobData(digest);
            if (await blobs.ExistsAsync(digest, cancellationToken))
            {
                Log.BlobAlreadyStored(logger, digest);
                if (!committed)
                {
                    await writer.CancelAsync(cancellationToken);
                }
            }
            else if (committed || !await writer.TryCommitToAsync(blobPath, cancellationToken))
            {
                if (!committed)
                {
                    await writer.CommitAsync(cancellationToken);
                }

                await driver.MoveAsync(dataPath, blobPath, cancellationToken);
            }
        }

        await driver.TryDeleteAsync(RegistryLayout.Upload(name, id), cancellationToken);
        metrics.BlobOperation("upload");
        return new BlobInfo(digest, size, RegistryLayout.BlobData(digest));
    }

    public async Task CancelAsync(RepositoryName name, string id, CancellationToken cancellationToken)
    {
        await EnsureExistsAsync(name, id, cancellationToken);
        hashCache.Remove(id);
        await driver.TryDeleteAsync(RegistryLayout.Upload(name, id), cancellationToken);
    }

    /// <summary>
    /// Refuses content whose digest is not the one the client named, or that does not fit the namespace's quota,
    /// discarding the upload (and the writer, when it is still open) first.
    /// </summary>
    private async Task AdmitAsync(RepositoryName name, string id, Digest digest, Digest actual, long size, IStorageWriter? openWriter, CancellationToken cancellationToken)
    {
        try
        {
            if (actual != digest)
            {
                throw new RegistryException(
                    RegistryErrorCode.DigestInvalid,
                    $"The uploaded content has digest {actual}, not {digest}; the upload was discarded.",
                    new { expected = digest.ToString(), actual = actual.ToString() });
            }

            await quotas.AdmitAsync(name, digest, size, cancellationToken);
        }
        catch (RegistryException)
        {
            if (openWriter is not null)
            {
                await openWriter.CancelAsync(cancellationToken);
            }

            await driver.TryDeleteAsync(RegistryLayout.Upload(name, id), cancellationToken);
            throw;
        }
    }

    private async Task EnsureExistsAsync(RepositoryName name, string id, CancellationToken cancellationToken)
    {
        if (!UploadId.IsValid(id) || !await driver.ObjectExistsAsync(RegistryLayout.UploadStartedAt(name, id), cancellationToken))
        {
            throw UploadUnknown(id);
        }
    }

    /// <summary>
    /// Enters the upload for writing. Whether the upload exists is answered by opening its writer next: the writer's
    /// state is created with the upload's startedat and deleted with it, so a separate look at startedat would only
    /// cost every PATCH and PUT one more store round trip.
    /// </summary>
    private IDisposable EnterWriting(string id) =>
        !UploadId.IsValid(id) ? throw UploadUnknown(id) : _writing.TryEnter(id) ?? throw new RegistryException(
            RegistryErrorCode.RangeInvalid,
            $"Another request is still writing to upload '{id}'; wait for it, then continue from the range this answer reports.",
            new { uploadId = id });

    private async Task<IStorageWriter> OpenWriterAsync(RepositoryName name, string id, CancellationToken cancellationToken)
    {
        try
        {
            return await driver.CreateWriterAsync(RegistryLayout.UploadData(name, id), append: true, cancellationToken);
        }
        catch (StorageNotFoundException)
        {
            throw UploadUnknown(id);
        }
    }

    /// <summary>
    /// The running hash at <paramref name="size"/> bytes when this process has it (or the upload is empty); null
    /// otherwise, and the digest is then computed by reading the content back once it is committed and readable.
    /// </summary>
    private IncrementalHash? TakeHash(string id, DigestAlgorithm algorithm, long size) =>
        hashCache.Take(id, algorithm, size) ?? (size == 0 ? algorithm.CreateHash() : null);

    private async Task<Digest> RehashAsync(string path, string id, DigestAlgorithm algorithm, CancellationToken cancellationToken)
    {
        metrics.Rehashed();
        Log.Rehash(logger, id);
        using var hash = algorithm.CreateHash();
        var buffer = ArrayPool<byte>.Shared.Rent(WriteSize);
        try
        {
            await using var stored = await driver.OpenReadAsync(path, 0, cancellationToken);
            int read;
            while ((read = await stored.Content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }

            return Digest.FromHash(algorithm, hash.GetHashAndReset());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static RegistryException UploadUnknown(string id) =>
        new(RegistryErrorCode.BlobUploadUnknown, $"Upload '{id}' is unknown to this repository.", new { uploadId = id });

    private async Task WriteChunkAsync(IStorageWriter writer, IncrementalHash? hash, UploadChunk chunk, CancellationToken cancellationToken)
    {
        if (chunk.Start is { } start && start != writer.Size)
        {
            throw new RegistryException(
                RegistryErrorCode.RangeInvalid,
                $"The chunk starts at byte {start} but the upload has {writer.Size} bytes; send chunks in order.",
                new { uploaded = writer.Size });
        }

        metrics.UploadStarted();
        var body = chunk.Body;
        try
        {
            long received = 0;
            var limit = chunk.Length ?? long.MaxValue;
            while (true)
            {
                var result = await body.ReadAsync(cancellationToken);
                var buffer = result.Buffer;
                var consumed = buffer.Start;
                try
                {
                    if (received + buffer.Length > limit)
                    {
                        throw SizeInvalid(limit, received + buffer.Length);
                    }

                    if (buffer.Length < WriteSize && !result.IsCompleted)
                    {
                        // The transport fills 64 KiB blocks; gathering a few before each write keeps the writes (each a
                        // thread-pool hop) as few as with one large buffer. Kestrel reads on until 1 MiB is unconsumed.
                        continue;
                    }

                    if (hash is not null)
                    {
                        foreach (var segment in buffer)
                        {
                            hash.AppendData(segment.Span);
                        }
                    }

                    if (!buffer.IsEmpty)
                    {
                        await writer.WriteAsync(buffer, cancellationToken);
                        received += buffer.Length;
                        metrics.BytesReceived(buffer.Length);
                    }

                    consumed = buffer.End;
                }
                finally
                {
                    // Every read is answered, also when the write or a check failed: the server drains what is left of
                    // the body after the error response, and a read left open makes it drop the connection instead.
                    body.AdvanceTo(consumed, buffer.End);
                }

                if (result.IsCompleted)
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
            metrics.UploadEnded();
        }
    }

    private static RegistryException SizeInvalid(long declared, long received) =>
        new(RegistryErrorCode.SizeInvalid, $"The request declared {declared} bytes but sent {(received > declared ? "more" : received.ToString(CultureInfo.InvariantCulture))}.");
}
