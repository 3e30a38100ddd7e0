using System.Formats.Tar;
using System.Text.Json.Nodes;

namespace Berth.Interop.Tests.Layout;

/// <summary>Reads a docker-archive (the `docker save` tar) for assertions.</summary>
public static class DockerArchive
{
    /// <summary>The archive's manifest.json: one entry per image, with Config, RepoTags and Layers.</summary>
    public static JsonArray ManifestJson(string archive)
    {
        using var reader = new TarReader(File.OpenRead(archive));
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.Name is "manifest.json" or "./manifest.json" && entry.DataStream is { } data)
            {
                return JsonNode.Parse(data)!.AsArray();
            }
        }

        throw new InvalidDataException($"{archive} has no manifest.json.");
    }
}
