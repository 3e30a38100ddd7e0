using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Berth.Client.Compression;
using Berth.Client.Content;
using Berth.Client.Transports;

namespace Berth.Client.Copy;

/// <summary>
/// Copies an image (or every platform of an index, and optionally its referrers) from a source to a destination:
/// all blobs in parallel up to <see cref="CopyOptions.Jobs"/>, blobs the destination has skipped or mounted, the rest
/// streamed with their digest checked on the way, uncompressed layers compressed on every core; manifests last, so
/// a tag never points at missing blobs.
/// </summary>
public sealed class ImageCopier : IDisposable
{
    private readonly IImageSource _source;
    private readonly IImageDestination _destination;
    private readonly CopyOptions _options;
    private readonly ICopyProgress _progress;
    private readonly SemaphoreSlim _jobs;
    private readonly ConcurrentDictionary<string, Lazy<Task<BlobWritten>>> _blobs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _referrersVisited = new(StringComparer.Ordinal);
    private int _copied;
    private int _skipped;
    private int _mounted;
    private long _bytesRead;

    public ImageCopier(IImageSource source, IImageDestination destination, CopyOptions options, ICopyProgress progress)
    {
        ArgumentNullException.ThrowIfNull(options);
        _source = source;
        _destination = destination;
        _options = options;
        _progress = progress;
        _jobs = new SemaphoreSlim(Math.Max(1, options.Jobs));
    }

    public async Task<CopyResult> CopyAsync(CancellationToken cancellationToken)
    {
        var root = await _source.GetRootManifestAsync(cancellationToken);
        var written = await CopyManifestAsync(root, _destination.Tag, topLevel: true, cancellationToken);
        await _destination.CommitAsync(cancellationToken);
        return new CopyResult(written.Digest!, _copied, _skipped, _mounted, Interlocked.Read(ref _bytesRead));
    }

    public void Dispose() => _jobs.Dispose();

    private async Task<ManifestResponse> CopyManifestAsync(ManifestResponse manifest, string? tag, bool topLevel, CancellationToken cancellationToken)
    {
        var sourceDigest = BlobDigest.Of(manifest.Content);
        if (manifest.Digest is not null)
        {
            BlobDigest.Verify(manifest.Digest, sourceDigest, "Manifest");
        }

        var document = ManifestDocument.Parse(manifest);
        if (document.IsIndex && !_options.AllPlatforms)
        {
            var entry = SelectPlatform(document);
            var child = await _source.GetManifestAsync(ManifestDocument.Descriptor(entry).Digest, cancellationToken);
            return await CopyManifestAsync(child, tag, topLevel, cancellationToken);
        }

        var changed = document.IsIndex
            ? await CopyPlatformsAsync(document, cancellationToken)
            : await CopyImageBlobsAsync(document, cancellationToken);
        var result = changed
            ? document.ToResponse()
            : new ManifestResponse(manifest.Content, document.MediaType, sourceDigest);
        await _destination.PutManifestAsync(result, tag, topLevel, cancellationToken);
        if (_options.Referrers)
        {
            await CopyReferrersAsync(sourceDigest, result, cancellationToken);
        }

        return result;
    }

    private JsonNode SelectPlatform(ManifestDocument index)
    {
        var entries = index.Manifests.Where(m => m is not null).Select(m => m!).ToList();
        return entries.FirstOrDefault(e => ManifestDocument.Platform(e) == _options.Platform)
            ?? entries.FirstOrDefault(e => ManifestDocument.Platform(e)?.StartsWith(_options.Platform + "/", StringComparison.Ordinal) == true)
            ?? throw new CopyException(
                CopyFailure.NotFound,
                $"The index has no manifest for {_options.Platform}; it has {string.Join(", ", entries.Select(e => ManifestDocument.Platform(e) ?? "(no platform)"))}. Use --platform or --all.");
    }

    /// <summary>Copies each platform's manifest; true when one was rewritten (so the index is too).</summary>
    private async Task<bool> CopyPlatformsAsync(ManifestDocument index, CancellationToken cancellationToken)
    {
        var entries = index.Manifests.Where(m => m is not null).Select(m => m!).ToList();
        var copies = entries.Select(async entry =>
        {
            var descriptor = ManifestDocument.Descriptor(entry);
            var child = await _source.GetManifestAsync(descriptor.Digest, cancellationToken);
            var written = await CopyManifestAsync(child, tag: null, topLevel: false, cancellationToken);
            if (written.Digest == descriptor.Digest)
            {
                return false;
            }

            ManifestDocument.Replace(entry, new BlobWritten(written.Digest!, written.Content.Length), written.MediaType);
            return true;
        }).ToList();
        return (await Task.WhenAll(copies)).Any(c => c);
    }

    /// <summary>Copies config and layers; true when a layer was compressed on the way (so the manifest changed).</summary>
    private async Task<bool> CopyImageBlobsAsync(ManifestDocument manifest, CancellationToken cancellationToken)
    {
        var blobs = new List<Task<bool>>();
        if (manifest.Config is { } config)
        {
            blobs.Add(CopyBlobAsync(config, "config", compressible: false, manifest, cancellationToken));
        }

        var number = 0;
        foreach (var layer in manifest.Layers.Where(l => l is not null))
        {
            blobs.Add(CopyBlobAsync(layer!, $"layer {++number}", compressible: true, manifest, cancellationToken));
        }

        return (await Task.WhenAll(blobs)).Any(c => c);
    }

    private async Task<bool> CopyBlobAsync(JsonNode node, string label, bool compressible, ManifestDocument manifest, CancellationToken cancellationToken)
    {
        var descriptor = ManifestDocument.Descriptor(node);
        var convertedType = !compressible ? null
            : _destination.UncompressedLayers ? UncompressedMediaType(descriptor.MediaType)
            : CompressedMediaType(descriptor.MediaType, manifest.MediaType);
        var key = (convertedType ?? string.Empty) + descriptor.Digest;
        var written = await _blobs.GetOrAdd(key, _ => new Lazy<Task<BlobWritten>>(() => convertedType is null ? TransferAsync(descriptor, label, cancellationToken)
            : _destination.UncompressedLayers ? DecompressAsync(descriptor, label, cancellationToken)
            : CompressAsync(descriptor, label, cancellationToken))).Value;
        if (convertedType is null)
        {
            return false;
        }

        ManifestDocument.Replace(node, written, convertedType);
        return true;
    }

    private static string? UncompressedMediaType(string layerType) => layerType switch
    {
        OciMediaTypes.ImageLayerGzip or OciMediaTypes.ImageLayerZstd => OciMediaTypes.ImageLayer,
        OciMediaTypes.DockerLayerGzip => OciMediaTypes.DockerLayer,
        _ => null,
    };

    private string? CompressedMediaType(string layerType, string manifestType) => layerType switch
    {
        _ when _options.Compression.Algorithm == LayerCompression.None => null,
        OciMediaTypes.ImageLayer => _options.Compression.Algorithm == LayerCompression.Zstd ? OciMediaTypes.ImageLayerZstd : OciMediaTypes.ImageLayerGzip,
        OciMediaTypes.DockerLayer when _options.Compression.Algorithm == LayerCompression.Gzip => OciMediaTypes.DockerLayerGzip,
        OciMediaTypes.DockerLayer => throw new CopyException(
            CopyFailure.Unsupported, $"A {manifestType} manifest cannot hold zstd layers; use --compress gzip or an OCI source."),
        _ => null,
    };

    private Task<BlobWritten> TransferAsync(OciDescriptor blob, string label, CancellationToken cancellationToken) => WithJobAsync(async () =>
    {
        _progress.BlobStarted(blob.Digest, label, blob.Size);
        if (await _destination.HasBlobAsync(blob, cancellationToken))
        {
            return Finish(blob, BlobOutcome.Skipped, ref _skipped);
        }

        if (_source.Registry is { } from && await _destination.TryMountAsync(blob, from, cancellationToken))
        {
            return Finish(blob, BlobOutcome.Mounted, ref _mounted);
        }

        var written = await _options.Retry.RunAsync(
            async _ =>
            {
                _progress.BlobStarted(blob.Digest, label, blob.Size);
                await using var content = await OpenVerifiedAsync(blob, cancellationToken);
                return await _destination.WriteBlobAsync(content, blob.Digest, cancellationToken);
            },
            _progress.Retrying,
            cancellationToken);
        Interlocked.Increment(ref _copied);
        _progress.BlobFinished(blob.Digest, BlobOutcome.Copied);
        return written;
    });

    private Task<BlobWritten> CompressAsync(OciDescriptor blob, string label, CancellationToken cancellationToken) => ConvertAsync(
        blob,
        label + " (" + _options.Compression.Algorithm.ToString().ToLowerInvariant() + ")",
        BlobOutcome.Compressed,
        async source =>
        {
            await using var layer = CompressedLayer.Start(source, _options.Compression, cancellationToken);
            return await _destination.WriteBlobAsync(layer.Content, expectedDigest: null, cancellationToken);
        },
        cancellationToken);

    private Task<BlobWritten> DecompressAsync(OciDescriptor blob, string label, CancellationToken cancellationToken) => ConvertAsync(
        blob,
        label + " (decompressing)",
        BlobOutcome.Decompressed,
        async source =>
        {
            await using var layer = DecompressedLayer.Open(source, blob.MediaType);
            return await _destination.WriteBlobAsync(layer, expectedDigest: null, cancellationToken);
        },
        cancellationToken);

    /// <summary>Writes a layer changed on the way (new digest computed by the destination), retried as a whole.</summary>
    private Task<BlobWritten> ConvertAsync(
        OciDescriptor blob, string label, BlobOutcome outcome, Func<Stream, Task<BlobWritten>> write, CancellationToken cancellationToken) => WithJobAsync(async () =>
    {
        var written = await _options.Retry.RunAsync(
            async _ =>
            {
                _progress.BlobStarted(blob.Digest, label, blob.Size);
                await using var source = await OpenVerifiedAsync(blob, cancellationToken);
                return await write(source);
            },
            _progress.Retrying,
            cancellationToken);
        Interlocked.Increment(ref _copied);
        _progress.BlobFinished(blob.Digest, outcome);
        return written;
    });

    private async Task<Stream> OpenVerifiedAsync(OciDescriptor blob, CancellationToken cancellationToken)
    {
        var content = await _source.OpenBlobAsync(blob, cancellationToken);
        return new VerifyingStream(content, blob.Digest, blob.Size, read =>
        {
            Interlocked.Add(ref _bytesRead, read);
            _progress.BlobAdvanced(blob.Digest, read);
        });
    }

    private async Task<BlobWritten> WithJobAsync(Func<Task<BlobWritten>> transfer)
    {
        await _jobs.WaitAsync();
        try
        {
            return await transfer();
        }
        finally
        {
            _jobs.Release();
        }
    }

    private BlobWritten Finish(OciDescriptor blob, BlobOutcome outcome, ref int counter)
    {
        Interlocked.Increment(ref counter);
        _progress.BlobFinished(blob.Digest, outcome);
        return new BlobWritten(blob.Digest, blob.Size);
    }

    /// <summary>Copies the manifests whose subject is the source manifest, pointing them at what was written.</summary>
    private async Task CopyReferrersAsync(string sourceDigest, ManifestResponse written, CancellationToken cancellationToken)
    {
        if (!_referrersVisited.TryAdd(sourceDigest, 0))
        {
            return;
        }

        foreach (var referrer in await _source.GetReferrersAsync(sourceDigest, cancellationToken))
        {
            var manifest = await _source.GetManifestAsync(referrer.Digest, cancellationToken);
            if (written.Digest != sourceDigest)
            {
                var document = ManifestDocument.Parse(manifest);
                document.Root["subject"] = new JsonObject { ["mediaType"] = written.MediaType, ["digest"] = written.Digest, ["size"] = written.Content.Length };
                var bytes = Encoding.UTF8.GetBytes(document.Root.ToJsonString(ManifestDocument.WriteOptions));
                manifest = new ManifestResponse(bytes, document.MediaType, BlobDigest.Of(bytes));
            }

            await CopyManifestAsync(manifest, tag: null, topLevel: true, cancellationToken);
        }
    }
}
