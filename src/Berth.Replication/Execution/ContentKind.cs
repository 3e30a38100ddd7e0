using System.Text.Json.Nodes;
using Berth.Client;
using Berth.Index.Data.Replication;

namespace Berth.Replication.Execution;

/// <summary>What a top-level manifest is, for a rule's content filter: an image, an index, or another artifact.</summary>
internal static class ContentKind
{
    public static ReplicationContentKinds Of(JsonObject manifest, string mediaType)
    {
        var type = manifest["mediaType"]?.GetValue<string>() ?? mediaType;
        if (type is OciMediaTypes.ImageIndex or OciMediaTypes.DockerManifestList || manifest["manifests"] is JsonArray)
        {
            return ReplicationContentKinds.Indexes;
        }

        var config = manifest["config"]?["mediaType"]?.GetValue<string>();
        return manifest["artifactType"] is null && config is OciMediaTypes.ImageConfig or "application/vnd.docker.container.image.v1+json"
            ? ReplicationContentKinds.Images
            : ReplicationContentKinds.Artifacts;
    }

    /// <summary>True for a manifest with a subject (a signature, an SBOM): a referrer.</summary>
    public static bool IsReferrer(JsonObject manifest) => manifest["subject"] is JsonObject;
}
