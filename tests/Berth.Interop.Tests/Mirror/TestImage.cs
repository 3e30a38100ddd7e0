using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Berth.Client;

namespace Berth.Interop.Tests.Mirror;

/// <summary>An image of random layers held by the test, pushed with Berth.Client, so pulls can be checked byte for byte.</summary>
public sealed class TestImage
{
    private TestImage(byte[] config, IReadOnlyList<byte[]> layers, byte[] manifest)
    {
        Config = config;
        Layers = layers;
        Manifest = manifest;
        ManifestDigest = DigestOf(manifest);
    }

    public byte[] Config { get; }

    public IReadOnlyList<byte[]> Layers { get; }

    public byte[] Manifest { get; }

    public string ManifestDigest { get; }

    /// <summary>Config and layers, by digest.</summary>
    public IReadOnlyDictionary<string, byte[]> Blobs => new[] { Config }.Concat(Layers).ToDictionary(DigestOf, b => b);

    public static TestImage Create(int seed, params int[] layerSizes)
    {
        var random = new Random(seed);
        var layers = layerSizes.Select(size =>
        {
            var bytes = new byte[size];
            random.NextBytes(bytes);
            return bytes;
        }).ToList();
        var config = Encoding.UTF8.GetBytes($$"""{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]},"seed":{{seed}}}""");
        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = OciMediaTypes.ImageManifest,
            ["config"] = Descriptor(OciMediaTypes.ImageConfig, config),
            ["layers"] = new JsonArray([.. layers.Select(l => (JsonNode)Descriptor(OciMediaTypes.ImageLayerGzip, l))]),
        };
        return new TestImage(config, layers, Encoding.UTF8.GetBytes(manifest.ToJsonString()));
    }

    public static string DigestOf(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    public async Task PushAsync(Uri registry, string repository, string tag)
    {
        using var client = RegistryClient.Create(new RegistryClientOptions { BaseAddress = registry });
        foreach (var (digest, content) in Blobs)
        {
            await client.PushBlobAsync(repository, digest, new ByteArrayContent(content), default);
        }

        await client.PutManifestAsync(repository, tag, OciMediaTypes.ImageManifest, Manifest, default);
    }

    private static JsonObject Descriptor(string mediaType, byte[] content) =>
        new() { ["mediaType"] = mediaType, ["digest"] = DigestOf(content), ["size"] = content.Length };
}
