using System.Text;
using System.Text.Json.Nodes;
using Berth.Client.Content;
using Berth.Client.Transports;

namespace Berth.Client.Tests.Copy;

/// <summary>An image source with one generated uncompressed layer: a test double for a large docker-archive.</summary>
internal sealed class GeneratedImageSource : IImageSource
{
    private readonly long _layerLength;
    private readonly string _layerDigest;
    private readonly byte[] _config;
    private readonly string _configDigest;
    private readonly ManifestResponse _manifest;

    public GeneratedImageSource(long layerLength)
    {
        _layerLength = layerLength;
        _layerDigest = GeneratedLayer.Digest(layerLength);
        _config = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["architecture"] = "amd64",
            ["os"] = "linux",
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = new JsonArray(_layerDigest) },
        }.ToJsonString());
        _configDigest = Sha256(_config);
        var manifest = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = OciMediaTypes.ImageManifest,
            ["config"] = new JsonObject { ["mediaType"] = OciMediaTypes.ImageConfig, ["digest"] = _configDigest, ["size"] = _config.Length },
            ["layers"] = new JsonArray(new JsonObject { ["mediaType"] = OciMediaTypes.ImageLayer, ["digest"] = _layerDigest, ["size"] = layerLength }),
        }.ToJsonString());
        _manifest = new ManifestResponse(manifest, OciMediaTypes.ImageManifest, Sha256(manifest));
    }

    public string LayerDigest => _layerDigest;

    public Task<ManifestResponse> GetRootManifestAsync(CancellationToken cancellationToken) => Task.FromResult(_manifest);

    public Task<ManifestResponse> GetManifestAsync(string digest, CancellationToken cancellationToken) => Task.FromResult(_manifest);

    public Task<Stream> OpenBlobAsync(OciDescriptor blob, CancellationToken cancellationToken) =>
        Task.FromResult<Stream>(blob.Digest == _configDigest ? new MemoryStream(_config) : new GeneratedLayer(_layerLength));

    public Task<IReadOnlyList<OciDescriptor>> GetReferrersAsync(string digest, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<OciDescriptor>>([]);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static string Sha256(byte[] content) => "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
}
