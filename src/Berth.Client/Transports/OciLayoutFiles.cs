using System.Text.Json.Nodes;

namespace Berth.Client.Transports;

/// <summary>Paths and index.json of an OCI image layout, shared by its source and destination.</summary>
internal static class OciLayoutFiles
{
    public const string RefNameAnnotation = "org.opencontainers.image.ref.name";

    public static string BlobPath(string directory, string digest)
    {
        var colon = digest.IndexOf(':', StringComparison.Ordinal);
        var algorithm = digest[..colon];
        var hex = digest[(colon + 1)..];
        if (hex.Length == 0 || !hex.All(char.IsAsciiHexDigitLower))
        {
            throw new Copy.CopyException(Copy.CopyFailure.Unsupported, $"'{digest}' is not a digest that can name a file.");
        }

        return Path.Combine(directory, "blobs", algorithm, hex);
    }

    public static JsonArray ReadIndexEntries(string directory)
    {
        var path = Path.Combine(directory, "index.json");
        if (!File.Exists(path))
        {
            return [];
        }

        return JsonNode.Parse(File.ReadAllBytes(path))?["manifests"]?.DeepClone() as JsonArray ?? [];
    }

    public static string? RefName(JsonNode entry) => entry["annotations"]?[RefNameAnnotation]?.GetValue<string>();
}
