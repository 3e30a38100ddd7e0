using System.Formats.Tar;
using System.Text.Json.Nodes;
using Berth.Client.Content;
using Berth.Client.Copy;

namespace Berth.Client.Transports;

/// <summary>
/// docker-archive:FILE.tar[:NAME:TAG] as a source (the `docker save` format, also what skopeo writes). The tar is
/// indexed once (entry name to offset and length) and each layer is then streamed straight from its place in the
/// file. The image is presented as an OCI manifest; uncompressed layers (the usual case) carry their diff-id as
/// digest, so the copier compresses them and checks the diff-id on the way.
/// </summary>
internal sealed class DockerArchiveSource : IImageSource
{
    private readonly string _file;
    private readonly Dictionary<string, (long Offset, long Length)> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Offset, long Length)> _blobs = new(StringComparer.Ordinal);
    private readonly ManifestResponse _manifest;
    private readonly byte[] _config;

    private DockerArchiveSource(string file, string? name)
    {
        _file = file;
        IndexEntries();
        var manifests = JsonNode.Parse(ReadEntry("manifest.json")) as JsonArray
            ?? throw new CopyException(CopyFailure.Unsupported, $"{file}: manifest.json is not a list.");
        var image = SelectImage(manifests, name);
        _config = ReadEntry(image["Config"]!.GetValue<string>());
        var configDigest = BlobDigest.Of(_config);
        var diffIds = (JsonNode.Parse(_config)?["rootfs"]?["diff_ids"] as JsonArray ?? []).Select(d => d!.GetValue<string>()).ToList();
        var layerPaths = (image["Layers"] as JsonArray ?? []).Select(l => l!.GetValue<string>()).ToList();
        if (diffIds.Count != layerPaths.Count)
        {
            throw new CopyException(CopyFailure.Unsupported, $"{file}: the config lists {diffIds.Count} diff-ids for {layerPaths.Count} layers.");
        }

        var layers = new JsonArray();
        for (var i = 0; i < layerPaths.Count; i++)
        {
            var entry = Entry(layerPaths[i]);
            var compressed = Sniff(entry);
            var digest = compressed is null ? diffIds[i] : DigestOf(entry);
            _blobs[digest] = entry;
            layers.Add(new JsonObject
            {
                ["mediaType"] = compressed ?? OciMediaTypes.ImageLayer,
                ["digest"] = digest,
                ["size"] = entry.Length,
            });
        }

        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = OciMediaTypes.ImageManifest,
            ["config"] = new JsonObject { ["mediaType"] = OciMediaTypes.ImageConfig, ["digest"] = configDigest, ["size"] = _config.Length },
            ["layers"] = layers,
        };
        var bytes = System.Text.Encoding.UTF8.GetBytes(manifest.ToJsonString(ManifestDocument.WriteOptions));
        _manifest = new ManifestResponse(bytes, OciMediaTypes.ImageManifest, BlobDigest.Of(bytes));
        ConfigDigest = configDigest;
    }

    private string ConfigDigest { get; }

    public static DockerArchiveSource Open(DockerArchiveLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return File.Exists(location.File)
            ? new DockerArchiveSource(location.File, location.Name)
            : throw new CopyException(CopyFailure.NotFound, $"{location.File} does not exist.");
    }

    public Task<ManifestResponse> GetRootManifestAsync(CancellationToken cancellationToken) => Task.FromResult(_manifest);

    public Task<ManifestResponse> GetManifestAsync(string digest, CancellationToken cancellationToken) =>
        digest == _manifest.Digest
            ? Task.FromResult(_manifest)
            : throw new CopyException(CopyFailure.NotFound, $"{_file} holds no manifest {digest}.");

    public Task<Stream> OpenBlobAsync(OciDescriptor blob, CancellationToken cancellationToken)
    {
        if (blob.Digest == ConfigDigest)
        {
            return Task.FromResult<Stream>(new MemoryStream(_config, writable: false));
        }

        return _blobs.TryGetValue(blob.Digest, out var entry)
            ? Task.FromResult<Stream>(new FileSliceStream(_file, entry.Offset, entry.Length))
            : throw new CopyException(CopyFailure.NotFound, $"{_file} holds no blob {blob.Digest}.");
    }

    public Task<IReadOnlyList<OciDescriptor>> GetReferrersAsync(string digest, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<OciDescriptor>>([]);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static JsonNode SelectImage(JsonArray manifests, string? name)
    {
        var images = manifests.Where(m => m is not null).Select(m => m!).ToList();
        if (name is null)
        {
            return images.Count == 1 ? images[0] : throw new CopyException(CopyFailure.Usage, $"The archive holds {images.Count} images: name one with docker-archive:FILE:NAME:TAG.");
        }

        return images.FirstOrDefault(i => (i["RepoTags"] as JsonArray ?? []).Any(t => t?.GetValue<string>() == name || t?.GetValue<string>() == "docker.io/" + name))
            ?? throw new CopyException(CopyFailure.NotFound, $"The archive holds no image named {name}.");
    }

    private void IndexEntries()
    {
        using var stream = new FileStream(_file, FileMode.Open, FileAccess.Read, FileShare.Read);
        using var reader = new TarReader(stream);
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile)
            {
                _entries[Normalize(entry.Name)] = (entry.DataOffset, entry.Length);
            }
        }
    }

    private (long Offset, long Length) Entry(string name) =>
        _entries.TryGetValue(Normalize(name), out var entry) ? entry : throw new CopyException(CopyFailure.Unsupported, $"{_file} has no entry {name}.");

    private byte[] ReadEntry(string name)
    {
        var (offset, length) = Entry(name);
        var bytes = new byte[checked((int)length)];
        using var handle = File.OpenHandle(_file);
        RandomAccess.Read(handle, bytes, offset);
        return bytes;
    }

    /// <summary>The layer's compressed media type from its magic bytes, or null for a plain tar.</summary>
    private string? Sniff((long Offset, long Length) entry)
    {
        Span<byte> magic = stackalloc byte[4];
        using var handle = File.OpenHandle(_file);
        var read = RandomAccess.Read(handle, magic, entry.Offset);
        return read >= 2 && magic[0] == 0x1f && magic[1] == 0x8b ? OciMediaTypes.ImageLayerGzip
            : read == 4 && magic[0] == 0x28 && magic[1] == 0xb5 && magic[2] == 0x2f && magic[3] == 0xfd ? OciMediaTypes.ImageLayerZstd
            : null;
    }

    private string DigestOf((long Offset, long Length) entry)
    {
        using var slice = new FileSliceStream(_file, entry.Offset, entry.Length);
        using var sha = System.Security.Cryptography.SHA256.Create();
        return "sha256:" + Convert.ToHexStringLower(sha.ComputeHash(slice));
    }

    private static string Normalize(string name) => name.StartsWith("./", StringComparison.Ordinal) ? name[2..] : name;
}
