using System.Security.Cryptography;
using System.Text;
using Berth.Client;
using Berth.Client.Content;

namespace Berth.Bench.Content;

/// <summary>An image of synthetic layers: its config and manifest bytes are built here, exactly as pushed.</summary>
internal sealed record SyntheticImage(IReadOnlyList<SyntheticBlob> Layers, byte[] Config, string ConfigDigest, byte[] Manifest, string ManifestDigest)
{
    private const string LayerMediaType = "application/vnd.oci.image.layer.v1.tar";

    public static SyntheticImage Create(SyntheticBlobFactory factory, int layers, long layerSize, int owner, long serial)
    {
        var blobs = new SyntheticBlob[layers];
        for (var i = 0; i < layers; i++)
        {
            blobs[i] = factory.Create(layerSize, owner, (serial * 1024) + i);
        }

        var diffIds = string.Join(",", blobs.Select(b => "\"" + b.Digest + "\""));
        var config = Encoding.UTF8.GetBytes(
            $"{{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{{\"Labels\":{{\"berth.bench\":\"{owner}-{serial}\"}}}},\"rootfs\":{{\"type\":\"layers\",\"diff_ids\":[{diffIds}]}}}}");
        var configDigest = Sha256(config);
        var manifest = new OciManifest(
            2,
            OciMediaTypes.ImageManifest,
            new OciDescriptor(OciMediaTypes.ImageConfig, configDigest, config.Length),
            [.. blobs.Select(b => new OciDescriptor(LayerMediaType, b.Digest, b.Size))]).ToJsonBytes();
        return new SyntheticImage(blobs, config, configDigest, manifest, Sha256(manifest));
    }

    public long TotalBytes => Layers.Sum(l => l.Size) + Config.Length + Manifest.Length;

    private static string Sha256(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));
}
