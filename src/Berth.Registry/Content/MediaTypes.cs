namespace Berth.Registry.Content;

/// <summary>The media types the registry recognises in manifests and uses in responses.</summary>
public static class MediaTypes
{
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
    public const string DockerManifestSchema1 = "application/vnd.docker.distribution.manifest.v1+json";
    public const string DockerManifestSchema1Signed = "application/vnd.docker.distribution.manifest.v1+prettyjws";
    public const string DockerForeignLayer = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";
    public const string OciNonDistributableLayerPrefix = "application/vnd.oci.image.layer.nondistributable.";
    public const string Json = "application/json";

    /// <summary>True for the media types of image manifests (a config and layers).</summary>
    public static bool IsImageManifest(string mediaType) => mediaType is DockerManifest or OciManifest;

    /// <summary>True for the media types of indexes (a list of child manifests).</summary>
    public static bool IsIndex(string mediaType) => mediaType is DockerManifestList or OciIndex;

    public static bool IsSchema1(string mediaType) => mediaType is DockerManifestSchema1 or DockerManifestSchema1Signed;

    /// <summary>Layers that clients fetch from elsewhere, so a manifest may name them without pushing them.</summary>
    public static bool IsNonDistributable(string mediaType) =>
        mediaType == DockerForeignLayer || mediaType.StartsWith(OciNonDistributableLayerPrefix, StringComparison.Ordinal);

    /// <summary>The media type without parameters ("a/b; charset=x" gives "a/b"), or null when empty.</summary>
    public static string? Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var semicolon = value.IndexOf(';', StringComparison.Ordinal);
        var type = (semicolon >= 0 ? value[..semicolon] : value).Trim();
        return type.Length == 0 ? null : type.ToLowerInvariant();
    }
}
