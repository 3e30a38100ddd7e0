using System.Text.Json.Nodes;
using Berth.Client.Content;
using Berth.Client.Copy;

namespace Berth.Client.Transports;

/// <summary>
/// oci:DIR[:TAG] as a destination. Blobs are written to a temporary file, hashed on the way (unless the copier's
/// verifying stream already does), and renamed into blobs/ALG/HEX only when the digest matches; index.json is
/// rewritten (atomically) at commit, replacing the tag.
/// </summary>
internal sealed class OciLayoutDestination : IImageDestination
{
    private readonly OciLayoutLocation _location;
    private readonly JsonArray _entries;
    private readonly Lock _gate = new();

    public OciLayoutDestination(OciLayoutLocation location)
    {
        _location = location;
        Directory.CreateDirectory(Path.Combine(location.Directory, "blobs", "sha256"));
        _entries = OciLayoutFiles.ReadIndexEntries(location.Directory);
    }

    public string? Tag => _location.Tag;

    public Task<bool> HasBlobAsync(OciDescriptor blob, CancellationToken cancellationToken)
    {
        var file = new FileInfo(OciLayoutFiles.BlobPath(_location.Directory, blob.Digest));
        return Task.FromResult(file.Exists && file.Length == blob.Size);
    }

    public Task<bool> TryMountAsync(OciDescriptor blob, RegistryLocation from, CancellationToken cancellationToken) => Task.FromResult(false);

    public async Task<BlobWritten> WriteBlobAsync(Stream content, string? expectedDigest, CancellationToken cancellationToken)
    {
        var temporary = Path.Combine(_location.Directory, "blobs", ".upload-" + Guid.NewGuid().ToString("N"));
        // A verifying stream checks its digest itself when it ends, before the file is renamed into place: no second hash.
        var verified = expectedDigest is not null && content is VerifyingStream;
        using var hash = verified ? null : BlobDigest.CreateHash(expectedDigest);
        try
        {
            long size;
            using (var file = File.OpenHandle(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                size = await BlobFileWriter.CopyAsync(content, file, hash, cancellationToken);
            }

            var digest = hash is null ? expectedDigest! : BlobDigest.Finish(hash);
            if (hash is not null && expectedDigest is not null)
            {
                BlobDigest.Verify(expectedDigest, digest, "Blob");
            }

            var target = OciLayoutFiles.BlobPath(_location.Directory, digest);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(temporary, target, overwrite: true);
            return new BlobWritten(digest, size);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public async Task PutManifestAsync(ManifestResponse manifest, string? tag, bool topLevel, CancellationToken cancellationToken)
    {
        var digest = manifest.Digest ?? BlobDigest.Of(manifest.Content);
        await File.WriteAllBytesAsync(OciLayoutFiles.BlobPath(_location.Directory, digest), manifest.Content, cancellationToken);
        if (!topLevel)
        {
            return;
        }

        var entry = new JsonObject { ["mediaType"] = manifest.MediaType, ["digest"] = digest, ["size"] = manifest.Content.Length };
        lock (_gate)
        {
            if (tag is not null)
            {
                entry["annotations"] = new JsonObject { [OciLayoutFiles.RefNameAnnotation] = tag };
                RemoveWhere(e => OciLayoutFiles.RefName(e) == tag);
            }
            else
            {
                RemoveWhere(e => OciLayoutFiles.RefName(e) is null && e["digest"]?.GetValue<string>() == digest);
            }

            _entries.Add(entry);
        }
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await File.WriteAllTextAsync(Path.Combine(_location.Directory, "oci-layout"), """{"imageLayoutVersion":"1.0.0"}""", cancellationToken);
        string json;
        lock (_gate)
        {
            json = new JsonObject { ["schemaVersion"] = 2, ["manifests"] = _entries.DeepClone() }.ToJsonString(ManifestDocument.WriteOptions);
        }

        var temporary = Path.Combine(_location.Directory, "index.json.tmp");
        await File.WriteAllTextAsync(temporary, json, cancellationToken);
        File.Move(temporary, Path.Combine(_location.Directory, "index.json"), overwrite: true);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private void RemoveWhere(Func<JsonNode, bool> predicate)
    {
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            if (_entries[i] is { } entry && predicate(entry))
            {
                _entries.RemoveAt(i);
            }
        }
    }
}
