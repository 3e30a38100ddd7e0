using System.Text.Json.Nodes;

namespace Berth.Interop.Tests.Layout;

/// <summary>An OCI content descriptor: what a manifest, index or index.json says about a blob.</summary>
public sealed record OciDescriptor(string MediaType, string Digest, long Size)
{
    public string? Architecture { get; init; }

    public string? ArtifactType { get; init; }

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["mediaType"] = MediaType, ["digest"] = Digest, ["size"] = Size };
        if (ArtifactType is not null)
        {
            json["artifactType"] = ArtifactType;
        }

        if (Architecture is not null)
        {
            json["platform"] = new JsonObject { ["architecture"] = Architecture, ["os"] = "linux" };
        }

        return json;
    }
}
