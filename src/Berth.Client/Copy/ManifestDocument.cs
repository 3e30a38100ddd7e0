using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Berth.Client.Content;
using Berth.Client.Transports;

namespace Berth.Client.Copy;

/// <summary>
/// A manifest or index as a JSON tree: the parts a copy reads (children, config, layers, subject) and rewrites
/// (layers compressed on the way, children whose digest changed). Unknown fields are kept as they are.
/// </summary>
internal sealed class ManifestDocument
{
    private ManifestDocument(JsonObject root, string mediaType)
    {
        Root = root;
        MediaType = mediaType;
    }

    /// <summary>JSON as registries and tools write it: '+' in media types is not escaped to \u002B.</summary>
    public static JsonSerializerOptions WriteOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public JsonObject Root { get; }

    public string MediaType { get; }

    public bool IsIndex => MediaType is OciMediaTypes.ImageIndex or OciMediaTypes.DockerManifestList || Root["manifests"] is JsonArray;

    public JsonArray Manifests => Root["manifests"] as JsonArray ?? [];

    public JsonArray Layers => Root["layers"] as JsonArray ?? [];

    public JsonObject? Config => Root["config"] as JsonObject;

    public static ManifestDocument Parse(ManifestResponse manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var root = JsonNode.Parse(manifest.Content) as JsonObject
            ?? throw new CopyException(CopyFailure.Unsupported, "The manifest is not a JSON object.");
        var mediaType = root["mediaType"]?.GetValue<string>() is { Length: > 0 } declared ? declared : manifest.MediaType;
        if (mediaType.Length == 0)
        {
            mediaType = root["manifests"] is JsonArray ? OciMediaTypes.ImageIndex : OciMediaTypes.ImageManifest;
        }

        return new ManifestDocument(root, mediaType);
    }

    public static OciDescriptor Descriptor(JsonNode node) => new(
        node["mediaType"]?.GetValue<string>() ?? string.Empty,
        node["digest"]?.GetValue<string>() ?? throw new CopyException(CopyFailure.Unsupported, "A descriptor has no digest."),
        node["size"]?.GetValue<long>() ?? throw new CopyException(CopyFailure.Unsupported, "A descriptor has no size."));

    /// <summary>The descriptors an index (or a referrers answer) lists.</summary>
    public static IReadOnlyList<OciDescriptor> Children(JsonNode index) =>
        [.. (index["manifests"] as JsonArray ?? []).Where(m => m is not null).Select(m => Descriptor(m!))];

    /// <summary>The entry's platform as os/arch[/variant], or null when it names none.</summary>
    public static string? Platform(JsonNode entry) =>
        entry["platform"] is JsonObject platform
            ? platform["os"]?.GetValue<string>() + "/" + platform["architecture"]?.GetValue<string>()
                + (platform["variant"]?.GetValue<string>() is { } variant ? "/" + variant : string.Empty)
            : null;

    public static void Replace(JsonNode entry, BlobWritten written, string mediaType)
    {
        entry["mediaType"] = mediaType;
        entry["digest"] = written.Digest;
        entry["size"] = written.Size;
    }

    public ManifestResponse ToResponse()
    {
        var bytes = Encoding.UTF8.GetBytes(Root.ToJsonString(WriteOptions));
        return new ManifestResponse(bytes, MediaType, BlobDigest.Of(bytes));
    }
}
