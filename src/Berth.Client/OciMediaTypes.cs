namespace Berth.Client;

/// <summary>Media types of the manifests and blobs the client reads and writes.</summary>
public static class OciMediaTypes
{
    public const string ImageManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string ImageIndex = "application/vnd.oci.image.index.v1+json";
    public const string ImageConfig = "application/vnd.oci.image.config.v1+json";
    public const string ImageLayer = "application/vnd.oci.image.layer.v1.tar";
    public const string ImageLayerGzip = "application/vnd.oci.image.layer.v1.tar+gzip";
    public const string ImageLayerZstd = "application/vnd.oci.image.layer.v1.tar+zstd";
    public const string DockerLayer = "application/vnd.docker.image.rootfs.diff.tar";
    public const string DockerLayerGzip = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";

    /// <summary>The Accept header value for manifest requests: every manifest type the client understands.</summary>
    public const string ManifestAccept = ImageManifest + ", " + ImageIndex + ", " + DockerManifest + ", " + DockerManifestList;
}
