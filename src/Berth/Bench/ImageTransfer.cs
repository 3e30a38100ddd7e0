using System.Buffers;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Berth.Bench.Content;
using Berth.Client;
using Berth.Client.Content;

namespace Berth.Bench;

/// <summary>Pushes and pulls whole images the way a container client does, counting requests and bytes on a worker.</summary>
internal sealed class ImageTransfer(RegistryClient client, BenchSettings settings, DirectBlobs? direct)
{
    private const int ReadSize = 64 * 1024;

    /// <summary>HEAD each blob, upload the missing ones (monolithic or chunked), then PUT the manifest under the tag.</summary>
    public async Task PushAsync(string repository, string tag, SyntheticImage image, BenchWorker? worker, CancellationToken cancellationToken)
    {
        foreach (var layer in image.Layers)
        {
            await PushLayerAsync(repository, layer, worker, cancellationToken);
        }

        worker?.AddRequests(1);
        if (!await client.BlobExistsAsync(repository, image.ConfigDigest, cancellationToken))
        {
            using var config = new ByteArrayContent(image.Config);
            config.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            await client.PushBlobAsync(repository, image.ConfigDigest, config, cancellationToken);
            worker?.AddRequests(2);
            worker?.AddBytes(image.Config.Length);
        }

        await client.PutManifestAsync(repository, tag, OciMediaTypes.ImageManifest, image.Manifest, cancellationToken);
        worker?.AddRequests(1);
        worker?.AddBytes(image.Manifest.Length);
    }

    /// <summary>GET the manifest by tag, then stream every blob it names to nowhere (hashing it when verifying).</summary>
    public async Task PullAsync(string repository, string tag, BenchWorker worker, CancellationToken cancellationToken)
    {
        var manifest = await client.GetManifestAsync(repository, tag, cancellationToken);
        worker.AddRequests(1);
        worker.AddBytes(manifest.Content.Length);
        var parsed = OciManifest.Parse(manifest.Content);
        await ReadBlobAsync(repository, parsed.Config, worker, cancellationToken);
        foreach (var layer in parsed.Layers)
        {
            await ReadBlobAsync(repository, layer, worker, cancellationToken);
        }
    }

    private async Task PushLayerAsync(string repository, SyntheticBlob layer, BenchWorker? worker, CancellationToken cancellationToken)
    {
        worker?.AddRequests(1);
        if (await client.BlobExistsAsync(repository, layer.Digest, cancellationToken))
        {
            return;
        }

        Action<int> sent = worker is null ? _ => { } : worker.AddBytes;
        if (settings.ChunkSize is { } chunkSize)
        {
            await client.PushBlobChunkedAsync(
                repository,
                layer.Digest,
                layer.Size,
                chunkSize,
                (offset, length) => new SyntheticBlobContent(layer, offset, length, sent),
                cancellationToken);
            worker?.AddRequests(2 + (int)((layer.Size + chunkSize - 1) / chunkSize));
        }
        else
        {
            await client.PushBlobAsync(repository, layer.Digest, new SyntheticBlobContent(layer, 0, layer.Size, sent), cancellationToken);
            worker?.AddRequests(2);
        }
    }

    private async Task ReadBlobAsync(string repository, OciDescriptor descriptor, BenchWorker worker, CancellationToken cancellationToken)
    {
        if (direct is not null && await direct.GetAsync(descriptor.Digest, cancellationToken) is { } stored)
        {
            worker.AddRequests(1);
            using (stored)
            {
                await using var content = await stored.Content.ReadAsStreamAsync(cancellationToken);
                await ReadAllAsync(content, descriptor, worker, cancellationToken);
            }

            return;
        }

        await using var download = await client.GetBlobAsync(repository, descriptor.Digest, cancellationToken);
        worker.AddRequests(1);
        direct?.Remember(descriptor.Digest, client.BaseAddress, download.Source);
        await ReadAllAsync(download.Content, descriptor, worker, cancellationToken);
    }

    private async Task ReadAllAsync(Stream content, OciDescriptor descriptor, BenchWorker worker, CancellationToken cancellationToken)
    {
        using var hash = settings.Verify ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
        var buffer = ArrayPool<byte>.Shared.Rent(ReadSize);
        long total = 0;
        try
        {
            int read;
            while ((read = await content.ReadAsync(buffer.AsMemory(0, ReadSize), cancellationToken)) > 0)
            {
                hash?.AppendData(buffer, 0, read);
                worker.AddBytes(read);
                total += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (total != descriptor.Size)
        {
            throw new BenchCheckException($"size mismatch: got {total} of {descriptor.Size} bytes");
        }

        if (hash is not null && "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset()) != descriptor.Digest)
        {
            throw new BenchCheckException("digest mismatch");
        }
    }
}
