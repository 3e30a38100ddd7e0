using System.Text.Json.Nodes;
using Berth.Client.Content;
using Berth.Client.Copy;

namespace Berth.Client.Transports;

/// <summary>oci:DIR[:TAG] as a source: index.json names the image, blobs/ALG/HEX hold everything.</summary>
internal sealed class OciLayoutSource(OciLayoutLocation location) : IImageSource
{
    private readonly JsonArray _entries = File.Exists(Path.Combine(location.Directory, "index.json"))
        ? OciLayoutFiles.ReadIndexEntries(location.Directory)
        : throw new CopyException(CopyFailure.NotFound, $"{location.Directory} is not an OCI image layout (no index.json).");

    public async Task<ManifestResponse> GetRootManifestAsync(CancellationToken cancellationToken)
    {
        var entries = _entries.Where(e => e is not null).Select(e => e!).ToList();
        var entry = location.Tag is null
            ? entries.Count == 1 ? entries[0] : throw new CopyException(CopyFailure.Usage, $"{location.Directory} holds {entries.Count} images: name one with oci:DIR:TAG.")
            : entries.FirstOrDefault(e => OciLayoutFiles.RefName(e) == location.Tag)
              ?? throw new CopyException(CopyFailure.NotFound, $"{location.Directory} has no image tagged '{location.Tag}'.");
        var descriptor = ManifestDocument.Descriptor(entry);
        var manifest = await GetManifestAsync(descriptor.Digest, cancellationToken);
        return manifest with { MediaType = descriptor.MediaType.Length > 0 ? descriptor.MediaType : manifest.MediaType };
    }

    public async Task<ManifestResponse> GetManifestAsync(string digest, CancellationToken cancellationToken)
    {
        var path = OciLayoutFiles.BlobPath(location.Directory, digest);
        if (!File.Exists(path))
        {
            throw new CopyException(CopyFailure.NotFound, $"Manifest {digest} is missing from {location.Directory}.");
        }

        var content = await File.ReadAllBytesAsync(path, cancellationToken);
        BlobDigest.Verify(digest, BlobDigest.Of(content), "Manifest");
        var mediaType = JsonNode.Parse(content)?["mediaType"]?.GetValue<string>() ?? string.Empty;
        return new ManifestResponse(content, mediaType, digest);
    }

    public Task<Stream> OpenBlobAsync(OciDescriptor blob, CancellationToken cancellationToken)
    {
        var path = OciLayoutFiles.BlobPath(location.Directory, blob.Digest);
        return File.Exists(path)
            ? Task.FromResult<Stream>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan))
            : throw new CopyException(CopyFailure.NotFound, $"Blob {blob.Digest} is missing from {location.Directory}.");
    }

    /// <summary>Manifests listed in index.json whose subject is the digest (how tools store referrers in a layout).</summary>
    public async Task<IReadOnlyList<OciDescriptor>> GetReferrersAsync(string digest, CancellationToken cancellationToken)
    {
        var referrers = new List<OciDescriptor>();
        foreach (var entry in _entries.Where(e => e is not null))
        {
            var descriptor = ManifestDocument.Descriptor(entry!);
            var path = OciLayoutFiles.BlobPath(location.Directory, descriptor.Digest);
            if (descriptor.Size < 4 * 1024 * 1024 && File.Exists(path)
                && JsonNode.Parse(await File.ReadAllBytesAsync(path, cancellationToken))?["subject"]?["digest"]?.GetValue<string>() == digest)
            {
                referrers.Add(descriptor);
            }
        }

        return referrers;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
