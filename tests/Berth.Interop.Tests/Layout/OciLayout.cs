using System.Text.Json.Nodes;

namespace Berth.Interop.Tests.Layout;

/// <summary>Reads an OCI image layout back: tags, blobs, and every blob a manifest or index reaches.</summary>
public static class OciLayout
{
    public static string BlobPath(string layout, string digest)
    {
        var parts = digest.Split(':', 2);
        return Path.Combine(layout, "blobs", parts[0], parts[1]);
    }

    public static OciDescriptor Resolve(string layout, string tag)
    {
        var index = JsonNode.Parse(File.ReadAllText(Path.Combine(layout, "index.json")))!;
        var entry = index["manifests"]!.AsArray()
            .Single(m => m!["annotations"]?["org.opencontainers.image.ref.name"]?.GetValue<string>() == tag)!;
        return new OciDescriptor(entry["mediaType"]!.GetValue<string>(), entry["digest"]!.GetValue<string>(), entry["size"]!.GetValue<long>());
    }

    /// <summary>The digests of the manifest or index itself and of everything it references, recursively.</summary>
    public static IReadOnlySet<string> ReachableDigests(string layout, string digest)
    {
        var digests = new HashSet<string>(StringComparer.Ordinal);
        Walk(layout, digest, digests);
        return digests;
    }

    private static void Walk(string layout, string digest, HashSet<string> digests)
    {
        digests.Add(digest);
        var json = JsonNode.Parse(File.ReadAllBytes(BlobPath(layout, digest)))!;
        foreach (var child in json["manifests"]?.AsArray() ?? [])
        {
            Walk(layout, child!["digest"]!.GetValue<string>(), digests);
        }

        if (json["config"]?["digest"] is { } config)
        {
            digests.Add(config.GetValue<string>());
        }

        foreach (var layer in json["layers"]?.AsArray() ?? [])
        {
            digests.Add(layer!["digest"]!.GetValue<string>());
        }
    }
}
