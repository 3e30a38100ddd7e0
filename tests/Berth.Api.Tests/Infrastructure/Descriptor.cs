using System.Text.Json.Nodes;

namespace Berth.Api.Tests.Infrastructure;

/// <summary>An OCI descriptor as a test writes it into a manifest.</summary>
public sealed record Descriptor(string MediaType, string Digest, long Size)
{
    public string? ArtifactType { get; init; }

    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    public JsonObject? Platform { get; init; }

    public IReadOnlyList<string>? Urls { get; init; }

    public static Descriptor Of(string mediaType, byte[] content, string algorithm = "sha256") =>
        new(mediaType, TestContent.Digest(content, algorithm), content.Length);

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["mediaType"] = MediaType, ["digest"] = Digest, ["size"] = Size };
        if (ArtifactType is not null)
        {
            json["artifactType"] = ArtifactType;
        }

        if (Platform is not null)
        {
            json["platform"] = Platform.DeepClone();
        }

        if (Urls is not null)
        {
            json["urls"] = new JsonArray([.. Urls.Select(u => (JsonNode?)JsonValue.Create(u))]);
        }

        if (Annotations is not null)
        {
            json["annotations"] = ManifestJson.Annotations(Annotations);
        }

        return json;
    }
}
