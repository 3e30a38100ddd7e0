using System.Formats.Tar;
using System.Text.Json.Nodes;
using Berth.Client.Content;
using Berth.Client.Copy;

namespace Berth.Client.Transports;

/// <summary>
/// docker-archive:FILE.tar[:NAME:TAG] as a destination, in the layout `docker save` writes since Docker 25: an OCI
/// image layout (blobs/sha256/HEX, index.json, oci-layout) plus manifest.json naming the config, the layers and the
/// RepoTags, so `docker load`, `podman load`, skopeo and `berth copy` all read it. Layers are stored uncompressed (the
/// copier decompresses them; their digests are the config's diff-ids, checked at commit). A tar entry's size comes
/// before its data and a decompressed layer's size is known only once it is written, so the blobs go to a temporary
/// layout beside FILE and are packed at commit into FILE.tmp, renamed over FILE: nothing partial is ever at FILE,
/// at the cost of twice the image's size on disk while it is written. One image per archive; FILE is replaced.
/// </summary>
internal sealed class DockerArchiveDestination : IImageDestination
{
    private readonly DockerArchiveLocation _location;
    private readonly string _staging;
    private readonly OciLayoutDestination _layout;
    private OciDescriptor? _config;
    private IReadOnlyList<OciDescriptor> _layers = [];

    private DockerArchiveDestination(DockerArchiveLocation location, string? tag)
    {
        _location = location;
        Tag = tag;
        _staging = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(location.File))!, "." + Path.GetFileName(location.File) + ".berth-" + Guid.NewGuid().ToString("N"));
        _layout = new OciLayoutDestination(new OciLayoutLocation(_staging, tag));
    }

    /// <summary>NAME:TAG as written to RepoTags (":latest" when no tag is given), or null for an untagged archive.</summary>
    public string? Tag { get; }

    public bool UncompressedLayers => true;

    public static DockerArchiveDestination Open(DockerArchiveLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (location.Name is { } name && name.Contains('@', StringComparison.Ordinal))
        {
            throw new CopyException(CopyFailure.Usage, $"docker-archive:{location.File}:{name}: an archive names its image NAME:TAG, not by digest.");
        }

        if (Directory.Exists(location.File))
        {
            throw new CopyException(CopyFailure.Usage, $"{location.File} is a directory; a docker-archive is a file (use oci:{location.File} for a layout).");
        }

        var tag = location.Name is null ? null
            : location.Name.LastIndexOf(':') > location.Name.LastIndexOf('/') ? location.Name
            : location.Name + ":latest";
        return new DockerArchiveDestination(location, tag);
    }

    public Task<bool> HasBlobAsync(OciDescriptor blob, CancellationToken cancellationToken) => _layout.HasBlobAsync(blob, cancellationToken);

    public Task<bool> TryMountAsync(OciDescriptor blob, RegistryLocation from, CancellationToken cancellationToken) => Task.FromResult(false);

    public Task<BlobWritten> WriteBlobAsync(Stream content, string? expectedDigest, CancellationToken cancellationToken) =>
        _layout.WriteBlobAsync(content, expectedDigest, cancellationToken);

    public Task PutManifestAsync(ManifestResponse manifest, string? tag, bool topLevel, CancellationToken cancellationToken)
    {
        var document = ManifestDocument.Parse(manifest);
        if (document.IsIndex)
        {
            throw new CopyException(CopyFailure.Unsupported, "A docker-archive holds one image, not an index: copy one platform (--platform, without --all).");
        }

        if (topLevel)
        {
            if (_config is not null)
            {
                throw new CopyException(CopyFailure.Unsupported, "A docker-archive holds one image: referrers (--referrers) cannot be written to it.");
            }

            _config = ManifestDocument.Descriptor(document.Config ?? throw new CopyException(CopyFailure.Unsupported, "The manifest has no config: it is not an image."));
            _layers = [.. document.Layers.Where(l => l is not null).Select(l => ManifestDocument.Descriptor(l!))];
        }

        return _layout.PutManifestAsync(manifest, tag, topLevel, cancellationToken);
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        var config = _config ?? throw new InvalidOperationException("No image was written.");
        await _layout.CommitAsync(cancellationToken);
        await CheckDiffIdsAsync(config, cancellationToken);
        var manifest = new JsonArray(new JsonObject
        {
            ["Config"] = EntryName(config.Digest),
            ["RepoTags"] = Tag is null ? new JsonArray() : new JsonArray(Tag),
            ["Layers"] = new JsonArray([.. _layers.Select(l => (JsonNode)EntryName(l.Digest))]),
        });
        await File.WriteAllTextAsync(Path.Combine(_staging, "manifest.json"), manifest.ToJsonString(ManifestDocument.WriteOptions), cancellationToken);

        var packed = _staging + ".tar";
        try
        {
            await TarFile.CreateFromDirectoryAsync(_staging, packed, includeBaseDirectory: false, cancellationToken);
            File.Move(packed, _location.File, overwrite: true);
        }
        finally
        {
            File.Delete(packed);
        }
    }

    public ValueTask DisposeAsync()
    {
        if (Directory.Exists(_staging))
        {
            Directory.Delete(_staging, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    private static string EntryName(string digest) => "blobs/sha256/" + digest["sha256:".Length..];

    /// <summary>docker load and podman load refuse layers that do not hash to the config's diff-ids: fail here instead.</summary>
    private async Task CheckDiffIdsAsync(OciDescriptor config, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(OciLayoutFiles.BlobPath(_staging, config.Digest), cancellationToken);
        var diffIds = (JsonNode.Parse(bytes)?["rootfs"]?["diff_ids"] as JsonArray ?? []).Select(d => d?.GetValue<string>()).ToList();
        var layers = _layers.Select(l => l.Digest).ToList();
        if (!diffIds.SequenceEqual(layers))
        {
            throw new CopyException(
                CopyFailure.DigestMismatch,
                $"The uncompressed layers ({string.Join(", ", layers)}) do not match the config's diff-ids ({string.Join(", ", diffIds)}).");
        }
    }
}
