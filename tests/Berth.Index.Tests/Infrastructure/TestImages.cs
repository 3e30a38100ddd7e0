using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Berth.Index.Tests.Infrastructure;

/// <summary>Pushes small images through the registry API with a bearer token, as a client would.</summary>
internal static class TestImages
{
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";

    /// <summary>
    /// Pushes a config (with created time, platform and labels) and one layer (random, or the one given), then the
    /// manifest; returns the manifest digest.
    /// </summary>
    public static async Task<string> PushImageAsync(
        HttpClient http,
        string token,
        string repository,
        string? tag,
        IReadOnlyDictionary<string, string>? labels = null,
        string architecture = "amd64",
        int layerBytes = 1000,
        byte[]? layer = null)
    {
        var image = Image(labels, architecture, layer ?? RandomNumberGenerator.GetBytes(layerBytes));
        return await PushImageAsync(http, token, repository, tag, image);
    }

    /// <summary>Pushes the image's config and layer, then its manifest (by digest when no tag is given); returns the manifest digest.</summary>
    public static async Task<string> PushImageAsync(HttpClient http, string token, string repository, string? tag, ImageBytes image)
    {
        await PushBlobAsync(http, token, repository, image.Config);
        await PushBlobAsync(http, token, repository, image.Layer);
        return await PutManifestAsync(http, token, repository, tag ?? Digest(image.Manifest), image.Manifest, OciManifest);
    }

    /// <summary>The bytes of an image: a config with created time, platform and labels, one layer, and its manifest.</summary>
    public static ImageBytes Image(IReadOnlyDictionary<string, string>? labels, string architecture, byte[] layer)
    {
        var config = JsonSerializer.SerializeToUtf8Bytes(new
        {
            created = "2026-11-01T12:00:00Z",
            architecture,
            os = "linux",
            config = new { Labels = labels ?? new Dictionary<string, string>() },
            rootfs = new { type = "layers", diff_ids = new[] { Digest(layer) } },
        });
        var manifest = JsonSerializer.SerializeToUtf8Bytes(new
        {
            schemaVersion = 2,
            mediaType = OciManifest,
            config = new { mediaType = "application/vnd.oci.image.config.v1+json", digest = Digest(config), size = config.Length },
            layers = new[] { new { mediaType = "application/vnd.oci.image.layer.v1.tar+gzip", digest = Digest(layer), size = layer.Length } },
        });
        return new ImageBytes(config, layer, manifest);
    }

    /// <summary>Pushes an index over two single-platform images (amd64, arm64), tagged.</summary>
    public static async Task<string> PushIndexAsync(HttpClient http, string token, string repository, string tag)
    {
        var children = new List<object>();
        foreach (var architecture in new[] { "amd64", "arm64" })
        {
            var digest = await PushImageAsync(http, token, repository, null, new Dictionary<string, string> { ["arch"] = architecture }, architecture);
            using var head = new HttpRequestMessage(HttpMethod.Head, $"/v2/{repository}/manifests/{digest}");
            head.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(head);
            response.EnsureSuccessStatusCode();
            children.Add(new { mediaType = OciManifest, digest, size = response.Content.Headers.ContentLength, platform = new { os = "linux", architecture } });
        }

        var index = JsonSerializer.SerializeToUtf8Bytes(new { schemaVersion = 2, mediaType = OciIndex, manifests = children });
        return await PutManifestAsync(http, token, repository, tag, index, OciIndex);
    }

    public static string Digest(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    public static async Task PushBlobAsync(HttpClient http, string token, string repository, byte[] content)
    {
        using var start = new HttpRequestMessage(HttpMethod.Post, $"/v2/{repository}/blobs/uploads/");
        start.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var started = await http.SendAsync(start);
        Assert.Equal(202, (int)started.StatusCode);
        var location = started.Headers.Location!.ToString();
        var separator = location.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        using var put = new HttpRequestMessage(HttpMethod.Put, $"{location}{separator}digest={Uri.EscapeDataString(Digest(content))}") { Content = new ByteArrayContent(content) };
        put.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        put.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var done = await http.SendAsync(put);
        Assert.Equal(201, (int)done.StatusCode);
    }

    public static async Task<string> PutManifestAsync(HttpClient http, string token, string repository, string reference, byte[] manifest, string mediaType)
    {
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/v2/{repository}/manifests/{reference}") { Content = new ByteArrayContent(manifest) };
        put.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        put.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        using var response = await http.SendAsync(put);
        Assert.True(response.IsSuccessStatusCode, $"PUT manifest answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync())}");
        return Digest(manifest);
    }
}
