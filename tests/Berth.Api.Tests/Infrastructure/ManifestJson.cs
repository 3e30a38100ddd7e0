using System.Text.Json;
using System.Text.Json.Nodes;

namespace Berth.Api.Tests.Infrastructure;

/// <summary>
/// Builds manifests as JSON documents. They are serialised indented with a trailing newline, so a registry that
/// re-serialises instead of storing the exact bytes changes the digest and fails the tests.
/// </summary>
public static class ManifestJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static JsonObject OciManifest(Descriptor config, IEnumerable<Descriptor> layers, string? artifactType = null, Descriptor? subject = null, IReadOnlyDictionary<string, string>? annotations = null)
    {
        var json = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = MediaTypes.OciManifest,
        };
        if (artifactType is not null)
        {
            json["artifactType"] = artifactType;
        }

        json["config"] = config.ToJson();
        json["layers"] = new JsonArray([.. layers.Select(l => (JsonNode?)l.ToJson())]);
        if (subject is not null)
        {
            json["subject"] = subject.ToJson();
        }

        if (annotations is not null)
        {
            json["annotations"] = Annotations(annotations);
        }

        return json;
    }

    public static JsonObject OciIndex(IEnumerable<Descriptor> manifests, string? artifactType = null, Descriptor? subject = null, IReadOnlyDictionary<string, string>? annotations = null)
    {
        var json = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = MediaTypes.OciIndex,
        };
        if (artifactType is not null)
        {
            json["artifactType"] = artifactType;
        }

        json["manifests"] = new JsonArray([.. manifests.Select(m => (JsonNode?)m.ToJson())]);
        if (subject is not null)
        {
            json["subject"] = subject.ToJson();
        }

        if (annotations is not null)
        {
            json["annotations"] = Annotations(annotations);
        }

        return json;
    }

    public static JsonObject DockerManifest(Descriptor config, IEnumerable<Descriptor> layers) => new()
    {
        ["schemaVersion"] = 2,
        ["mediaType"] = MediaTypes.DockerManifest,
        ["config"] = config.ToJson(),
        ["layers"] = new JsonArray([.. layers.Select(l => (JsonNode?)l.ToJson())]),
    };

    public static JsonObject DockerManifestList(IEnumerable<Descriptor> manifests) => new()
    {
        ["schemaVersion"] = 2,
        ["mediaType"] = MediaTypes.DockerManifestList,
        ["manifests"] = new JsonArray([.. manifests.Select(m => (JsonNode?)m.ToJson())]),
    };

    public static JsonObject Platform(string os, string architecture) => new() { ["os"] = os, ["architecture"] = architecture };

    public static JsonObject Annotations(IReadOnlyDictionary<string, string> annotations)
    {
        var json = new JsonObject();
        foreach (var (key, value) in annotations)
        {
            json[key] = value;
        }

        return json;
    }

    public static byte[] Serialize(JsonNode json)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(json, Indented);
        return [.. bytes, (byte)'\n'];
    }
}
