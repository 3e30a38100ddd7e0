using System.Buffers;
using System.Collections.Concurrent;
using Berth.Mirror.Diagnostics;
using Berth.Mirror.Upstream;
using Berth.Registry;
using Berth.Registry.Blobs;
using Berth.Registry.Content;
using Berth.Registry.Layout;
using Berth.Registry.Names;
using Berth.Registry.Reading;
using Berth.Storage;
using Berth.Storage.SharedReads;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.Mirror.Blobs;

/// <summary>
/// Request coalescing for blobs: at most one upstream fetch per repository and digest is in flight, and every pull of
/// that blob reads it. A fetch runs on its own, bound to the server's lifetime rather than to any client; it hashes
/// the bytes while writing them to a private storage path and moves them to the blob's path only when the digest matches.
/// </summary>
internal sealed class BlobFills(
    IStorageDriver driver,
    BlobStore blobs,
    UpstreamRegistry upstream,
    MirrorMetrics metrics,
    IOptions<MirrorOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<BlobFills> logger)
{
    private const int ChunkSize = 256 * 1024;
    private readonly ConcurrentDictionary<(string Repository, Digest Digest), BlobFill> _fills = new();
    private readonly string _spoolDirectory = options.Value.SpoolDirectory ?? Path.Combine(Path.GetTempPath(), "berth-mirror-spool");

    /// <summary>Fetches in flight; tests and the admin API read it.</summary>
    public int InFlight => _fills.Count;

    /// <summary>Streams the blob from the fill in flight, or from a new one; null when the blob turned out to be stored already.</summary>
    public async Task<BlobRead?> OpenAsync(RepositoryName name, Digest digest, CancellationToken cancellationToken)
    {
        var key = (name.Value, digest);
        while (true)
        {
            BlobFill fill;
            SpoolReadStream? reader;
            if (_fills.TryGetValue(key, out var running))
            {
                if (!running.TryOpenReader(metrics.ServedBytes, out reader))
                {
                    return null;
                }

                fill = running;
                metrics.CoalescedWait("blob");
            }
            else
            {
                fill = new BlobFill(name, digest, _spoolDirectory);
                if (!_fills.TryAdd(key, fill))
                {
                    fill.Release();
                    continue;
                }

                fill.TryOpenReader(metrics.ServedBytes, out reader);
                metrics.Miss("blob");
                _ = Task.Run(() => RunAsync(fill, key), CancellationToken.None);
            }

            try
            {
                var length = await fill.Started.WaitAsync(cancellationToken);
                return BlobRead.Streamed(reader, length);
            }
            catch (FillSupersededException)
            {
                await reader!.DisposeAsync();
                return null;
            }
            catch
            {
                await reader!.DisposeAsync();
                throw;
            }
        }
    }

    private async Task RunAsync(BlobFill fill, (string, Digest) key)
    {
        var cancellationToken = lifetime.ApplicationStopping;
        var path = RegistryLayout.MirrorFill(fill.Id);
        IStorageWriter? writer = null;
        try
        {
            if (await blobs.IsLinkedAsync(fill.Name, fill.Digest, cancellationToken) && await blobs.ExistsAsync(fill.Digest, cancellationToken))
            {
                throw new FillSupersededException();
            }

            await using var download = await upstream.GetBlobAsync(fill.Name, fill.Digest, cancellationToken)
                ?? throw new RegistryException(RegistryErrorCode.BlobUnknown, $"Blob {fill.Digest} is unknown upstream ({upstream.Address}).", new { digest = fill.Digest.ToString() });
            fill.MarkStarted(download.Length);
            writer = await driver.CreateWriterAsync(path, append: false, cancellationToken);
            var actual = await CopyAsync(download.Content, fill, writer, cancellationToken);
            if (download.Length is { } expected && writer.Size != expected)
            {
                throw Mismatch(fill, $"the upstream sent {writer.Size} of {expected} bytes");
            }

            if (actual != fill.Digest)
            {
                throw Mismatch(fill, $"the upstream's bytes hash to {actual}");
            }

            await writer.CommitAsync(cancellationToken);
            writer = null;
            await driver.MoveAsync(path, RegistryLayout.BlobData(fill.Digest), cancellationToken);
            await blobs.LinkAsync(fill.Name, fill.Digest, cancellationToken);
            fill.Complete();
            Log.BlobCached(logger, fill.Name.Value, fill.Digest.ToString(), download.Length ?? -1);
        }
        catch (Exception e)
        {
            if (e is not FillSupersededException)
            {
                metrics.FillFailed();

                // An upstream that is down or refuses a blob is an expected condition, logged once per fill with its
                // cause; only an unexpected failure deserves the stack trace.
                if (e is UpstreamUnreachableException or RegistryException)
                {
                    Log.BlobFillRefused(logger, fill.Name.Value, fill.Digest.ToString(), e.Message);
                }
                else
                {
                    Log.BlobFillFailed(logger, fill.Name.Value, fill.Digest.ToString(), e);
                }
            }

            // Unregister before failing: a client told of the failure may retry at once and must start a new fill,
            // not join this failed one.
            _fills.TryRemove(new KeyValuePair<(string, Digest), BlobFill>(key, fill));
            fill.Fail(e switch
            {
                RegistryException or FillSupersededException => e,
                UpstreamUnreachableException => new RegistryException(RegistryErrorCode.Unavailable, $"Blob {fill.Digest} is not cached and {e.Message}", null),
                _ => new RegistryException(RegistryErrorCode.Unavailable, $"Fetching blob {fill.Digest} from the upstream failed: {e.Message}", null),
            });
            if (writer is not null)
            {
                await CancelQuietlyAsync(writer);
            }
        }
        finally
        {
            if (writer is not null)
            {
                await writer.DisposeAsync();
            }

            _fills.TryRemove(new KeyValuePair<(string, Digest), BlobFill>(key, fill));
            fill.Release();
        }
    }

    private async Task<Digest> CopyAsync(Stream source, BlobFill fill, IStorageWriter writer, CancellationToken cancellationToken)
    {
        using var hash = fill.Digest.Algorithm.CreateHash();
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            int count;
            while ((count = await source.ReadAsync(buffer.AsMemory(0, ChunkSize), cancellationToken)) > 0)
            {
                var chunk = buffer.AsMemory(0, count);
                hash.AppendData(chunk.Span);
                await fill.AppendAsync(chunk, cancellationToken);
                await writer.WriteAsync(chunk, cancellationToken);
                metrics.UpstreamBytes(count);
            }

            return Digest.FromHash(fill.Digest.Algorithm, hash.GetHashAndReset());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static RegistryException Mismatch(BlobFill fill, string why) =>
        new(RegistryErrorCode.Unavailable, $"Blob {fill.Digest} was not cached: {why}, which does not match its digest.", new { digest = fill.Digest.ToString() });

    private static async Task CancelQuietlyAsync(IStorageWriter writer)
    {
        try
        {
            await writer.CancelAsync(CancellationToken.None);
        }
        catch (IOException)
        {
            // Best effort: a leftover under /_mirror/fills is never read and garbage collection can sweep it.
        }
        catch (StorageNotFoundException)
        {
            // Nothing was written.
        }
    }
}
