using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Berth.Interop.Tests.Layout;

/// <summary>Writes an OCI image layout (oci-layout, blobs/sha256, index.json) that skopeo and umoci read.</summary>
public sealed class OciLayoutBuilder
{
    private readonly Random _random;
    private readonly JsonArray _tags = [];

    public OciLayoutBuilder(string directory, int seed)
    {
        Directory = directory;
        _random = new Random(seed);
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "blobs", "sha256"));
        File.WriteAllText(Path.Combine(directory, "oci-layout"), """{"imageLayoutVersion":"1.0.0"}""");
        Save();
    }

    public string Directory { get; }

    public OciDescriptor AddBlob(byte[] content, string mediaType)
    {
        var hex = Convert.ToHexStringLower(SHA256.HashData(content));
        File.WriteAllBytes(Path.Combine(Directory, "blobs", "sha256", hex), content);
        return new OciDescriptor(mediaType, "sha256:" + hex, content.Length);
    }

    /// <summary>
    /// An image of <paramref name="layerCount"/> random layers, each in its own folder of the rootfs, on top of the
    /// layers of <paramref name="baseImage"/> when given (the same blobs, as images built FROM one base share them).
    /// </summary>
    public OciImage AddImage(int layerCount, string architecture = "amd64", int filesPerLayer = 3, int maxFileSize = 64 * 1024, OciImage? baseImage = null)
    {
        var layers = new List<OciDescriptor>(baseImage?.Layers ?? []);
        var diffIds = new JsonArray([.. (baseImage?.DiffIds ?? []).Select(d => (JsonNode)d)]);
        var files = new Dictionary<string, byte[]>(baseImage?.Files ?? new Dictionary<string, byte[]>());
        var imageId = _random.Next(100_000, 999_999);
        for (var i = 0; i < layerCount; i++)
        {
            var layer = TarGzLayer.Create(_random, $"image-{imageId}-layer-{i}", filesPerLayer, maxFileSize);
            layers.Add(AddBlob(layer.Compressed, OciMediaTypes.LayerGzip));
            diffIds.Add(layer.DiffId);
            foreach (var (path, content) in layer.Files)
            {
                files[path] = content;
            }
        }

        var config = new JsonObject
        {
            ["created"] = "2024-01-01T00:00:00Z",
            ["architecture"] = architecture,
            ["os"] = "linux",
            ["config"] = new JsonObject { ["Env"] = new JsonArray("PATH=/usr/bin:/bin"), ["Cmd"] = new JsonArray("/bin/true") },
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = diffIds },
        };
        var configDescriptor = AddJson(config, OciMediaTypes.Config);
        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = OciMediaTypes.Manifest,
            ["config"] = configDescriptor.ToJson(),
            ["layers"] = new JsonArray([.. layers.Select(l => (JsonNode)l.ToJson())]),
        };
        var manifestDescriptor = AddJson(manifest, OciMediaTypes.Manifest) with { Architecture = architecture };
        return new OciImage(manifestDescriptor, configDescriptor, layers, files) { DiffIds = [.. diffIds.Select(d => d!.GetValue<string>())] };
    }

    /// <summary>A multi-platform image index over the given images (their descriptors carry the platform).</summary>
    public OciDescriptor AddIndex(IEnumerable<OciImage> images)
    {
        var index = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = OciMediaTypes.Index,
            ["manifests"] = new JsonArray([.. images.Select(i => (JsonNode)i.Manifest.ToJson())]),
        };
        return AddJson(index, OciMediaTypes.Index);
    }

    /// <summary>An OCI 1.1 artifact (empty config, one payload layer) whose subject is <paramref name="subject"/>.</summary>
    public OciDescriptor AddArtifact(string artifactType, OciDescriptor subject, string payloadMediaType, byte[] payload)
    {
        var empty = AddBlob("{}"u8.ToArray(), OciMediaTypes.Empty);
        var layer = AddBlob(payload, payloadMediaType);
        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = OciMediaTypes.Manifest,
            ["artifactType"] = artifactType,
            ["config"] = empty.ToJson(),
            ["layers"] = new JsonArray(layer.ToJson()),
            ["subject"] = (subject with { Architecture = null }).ToJson(),
            ["annotations"] = new JsonObject { ["org.opencontainers.image.created"] = "2024-01-01T00:00:00Z" },
        };
        return AddJson(manifest, OciMediaTypes.Manifest) with { ArtifactType = artifactType };
    }

    public byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>Names <paramref name="manifest"/> in index.json, as skopeo's oci:DIR:TAG reads it.</summary>
    public void Tag(string tag, OciDescriptor manifest)
    {
        var entry = (manifest with { Architecture = null }).ToJson();
        entry["annotations"] = new JsonObject { ["org.opencontainers.image.ref.name"] = tag };
        _tags.Add(entry);
        Save();
    }

    private OciDescriptor AddJson(JsonObject json, string mediaType) => AddBlob(Encoding.UTF8.GetBytes(json.ToJsonString()), mediaType);

    private void Save()
    {
        var index = new JsonObject { ["schemaVersion"] = 2, ["manifests"] = _tags.DeepClone() };
        File.WriteAllText(Path.Combine(Directory, "index.json"), index.ToJsonString());
    }
}
