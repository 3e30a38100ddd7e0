using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Berth.Api.Tests.Infrastructure;

/// <summary>A thin HTTP client for the registry API: raw requests plus the few push helpers the suites share.</summary>
public sealed class RegistryClient(HttpClient http) : IDisposable
{
    public HttpClient Http { get; } = http;

    public Uri BaseAddress => Http.BaseAddress!;

    /// <summary>
    /// Sends to a path (sent exactly as written: no dot-segment removal, so traversal attempts reach the server)
    /// or to an absolute URL such as a Location header.
    /// </summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string pathOrUrl, HttpContent? content = null, IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        var request = new HttpRequestMessage(method, Resolve(pathOrUrl)) { Content = content };
        foreach (var (name, value) in headers ?? [])
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content ??= new ByteArrayContent([]);
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(string pathOrUrl, params (string Name, string Value)[] headers) =>
        SendAsync(HttpMethod.Get, pathOrUrl, null, headers.Select(h => KeyValuePair.Create(h.Name, h.Value)));

    public Task<HttpResponseMessage> HeadAsync(string pathOrUrl, params (string Name, string Value)[] headers) =>
        SendAsync(HttpMethod.Head, pathOrUrl, null, headers.Select(h => KeyValuePair.Create(h.Name, h.Value)));

    public Task<HttpResponseMessage> DeleteAsync(string pathOrUrl) => SendAsync(HttpMethod.Delete, pathOrUrl);

    public Uri Resolve(string pathOrUrl) =>
        pathOrUrl.StartsWith("http://", StringComparison.Ordinal) || pathOrUrl.StartsWith("https://", StringComparison.Ordinal)
            ? new Uri(pathOrUrl)
            : new Uri(BaseAddress.GetLeftPart(UriPartial.Authority) + pathOrUrl, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });

    /// <summary>Adds a query parameter to an opaque location, keeping the parameters the registry put there.</summary>
    public static string WithQuery(string location, string name, string value) =>
        location + (location.Contains('?', StringComparison.Ordinal) ? "&" : "?") + name + "=" + Uri.EscapeDataString(value);

    public static ByteArrayContent Octets(byte[] content)
    {
        var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return body;
    }

    public static ByteArrayContent Typed(byte[] content, string mediaType)
    {
        var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return body;
    }

    /// <summary>A chunk with the spec's Content-Range "start-end" (not the HTTP "bytes start-end/size" form).</summary>
    public static ByteArrayContent Chunk(byte[] content, long start)
    {
        var body = Octets(content);
        body.Headers.TryAddWithoutValidation("Content-Range", $"{start}-{start + content.Length - 1}");
        return body;
    }

    public Task<HttpResponseMessage> PostUploadAsync(string repository, string query = "", HttpContent? content = null) =>
        SendAsync(HttpMethod.Post, $"/v2/{repository}/blobs/uploads/{query}", content ?? new ByteArrayContent([]));

    public async Task<UploadSession> StartUploadAsync(string repository)
    {
        var response = await PostUploadAsync(repository);
        await OciAssert.StatusAsync(HttpStatusCode.Accepted, response);
        var location = response.Headers.Location?.OriginalString;
        Assert.False(string.IsNullOrEmpty(location), "POST /blobs/uploads/ must answer a Location.");
        var uuid = OciAssert.Header(response, "Docker-Upload-UUID");
        Assert.False(string.IsNullOrEmpty(uuid), "POST /blobs/uploads/ must answer Docker-Upload-UUID.");
        var min = OciAssert.Header(response, "OCI-Chunk-Min-Length");
        return new UploadSession(location!, uuid!, min is null ? null : long.Parse(min, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Pushes a blob with POST then PUT and returns its digest.</summary>
    public async Task<string> PushBlobAsync(string repository, byte[] content, string algorithm = "sha256")
    {
        var digest = TestContent.Digest(content, algorithm);
        var session = await StartUploadAsync(repository);
        var response = await SendAsync(HttpMethod.Put, WithQuery(session.Location, "digest", digest), Octets(content));
        await OciAssert.StatusAsync(HttpStatusCode.Created, response);
        Assert.Equal(digest, OciAssert.Header(response, "Docker-Content-Digest"));
        return digest;
    }

    public async Task<Descriptor> PushBlobAsync(string repository, string mediaType, byte[] content, string algorithm = "sha256")
    {
        await PushBlobAsync(repository, content, algorithm);
        return Descriptor.Of(mediaType, content, algorithm);
    }

    public Task<HttpResponseMessage> PutManifestAsync(string repository, string reference, byte[] manifest, string contentType) =>
        SendAsync(HttpMethod.Put, $"/v2/{repository}/manifests/{reference}", Typed(manifest, contentType));

    /// <summary>Pushes a manifest, asserts 201 with the right Docker-Content-Digest, and returns the digest.</summary>
    public async Task<string> PushManifestAsync(string repository, string reference, byte[] manifest, string contentType, string algorithm = "sha256")
    {
        var digest = TestContent.Digest(manifest, algorithm);
        var response = await PutManifestAsync(repository, reference, manifest, contentType);
        await OciAssert.StatusAsync(HttpStatusCode.Created, response);
        Assert.Equal(digest, OciAssert.Header(response, "Docker-Content-Digest"));
        return digest;
    }

    public Task<string> PushManifestAsync(string repository, string reference, JsonNode manifest, string contentType) =>
        PushManifestAsync(repository, reference, ManifestJson.Serialize(manifest), contentType);

    /// <summary>Pushes random layers and a config, then an OCI or Docker manifest for them (by tag, or by digest when tag is null).</summary>
    public async Task<PushedImage> PushImageAsync(string repository, string? tag = "latest", int layerCount = 2, string mediaType = MediaTypes.OciManifest, IReadOnlyDictionary<string, string>? annotations = null)
    {
        var docker = mediaType == MediaTypes.DockerManifest;
        var configJson = TestContent.Utf8($"{{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{{\"type\":\"layers\",\"diff_ids\":[]}},\"nonce\":\"{Guid.NewGuid()}\"}}");
        var config = await PushBlobAsync(repository, docker ? MediaTypes.DockerConfig : MediaTypes.OciConfig, configJson);
        var layers = new List<Descriptor>();
        for (var i = 0; i < layerCount; i++)
        {
            layers.Add(await PushBlobAsync(repository, docker ? MediaTypes.DockerLayer : MediaTypes.OciLayer, TestContent.Random(100 + (i * 37))));
        }

        var json = docker ? ManifestJson.DockerManifest(config, layers) : ManifestJson.OciManifest(config, layers, annotations: annotations);
        var manifest = ManifestJson.Serialize(json);
        var digest = TestContent.Sha256(manifest);
        await PushManifestAsync(repository, tag ?? digest, manifest, mediaType);
        return new PushedImage(repository, tag, mediaType, manifest, digest, config, layers);
    }

    public void Dispose() => Http.Dispose();
}
