using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Berth.Cluster.Tests.Infrastructure;

/// <summary>Tiny images (a config blob and a manifest without layers) pushed over plain HTTP, for tag and token checks.</summary>
public static class SmallImages
{
    public const string ManifestMediaType = "application/vnd.oci.image.manifest.v1+json";

    /// <summary>Pushes a config blob and a manifest distinguished by <paramref name="label"/>, tagged; returns the manifest digest.</summary>
    public static async Task<string> PushAsync(HttpClient http, string repository, string tag, string label)
    {
        var config = Encoding.UTF8.GetBytes($$$"""{"architecture":"amd64","os":"linux","config":{"Labels":{"test":"{{{label}}}"}},"rootfs":{"type":"layers","diff_ids":[]}}""");
        var configDigest = Digest(config);
        await PutBlobAsync(http, repository, config, configDigest);
        var manifest = Encoding.UTF8.GetBytes(
            $$$"""{"schemaVersion":2,"mediaType":"{{{ManifestMediaType}}}","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{{{configDigest}}}","size":{{{config.Length}}}},"layers":[],"annotations":{"test":"{{{label}}}"}}""");
        using var content = new ByteArrayContent(manifest);
        content.Headers.ContentType = new MediaTypeHeaderValue(ManifestMediaType);
        using var response = await http.PutAsync($"/v2/{repository}/manifests/{tag}", content);
        await ExpectAsync(response, HttpStatusCode.Created);
        return Digest(manifest);
    }

    /// <summary>The digest the tag resolves to on the server behind <paramref name="http"/>.</summary>
    public static async Task<string> ResolveAsync(HttpClient http, string repository, string tag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/{repository}/manifests/{tag}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(ManifestMediaType));
        using var response = await http.SendAsync(request);
        await ExpectAsync(response, HttpStatusCode.OK);
        return Digest(await response.Content.ReadAsByteArrayAsync());
    }

    public static async Task PutBlobAsync(HttpClient http, string repository, byte[] content, string digest)
    {
        using var start = await http.PostAsync($"/v2/{repository}/blobs/uploads/", null);
        await ExpectAsync(start, HttpStatusCode.Accepted);
        var location = start.Headers.Location!;
        var path = location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        using var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var put = await http.PutAsync($"{path}{separator}digest={Uri.EscapeDataString(digest)}", body);
        await ExpectAsync(put, HttpStatusCode.Created);
    }

    public static string Digest(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    private static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)expected}, got {(int)response.StatusCode}: "
                + await response.Content.ReadAsStringAsync());
        }
    }
}
