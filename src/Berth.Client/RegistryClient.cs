using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Berth.Client.Auth;
using Berth.Client.Content;

namespace Berth.Client;

/// <summary>
/// A typed client for the OCI distribution API: blobs (check, monolithic and chunked upload, streamed download),
/// manifests (put, get, head) and tag lists, with Basic or Bearer token auth answered transparently.
/// </summary>
public sealed partial class RegistryClient : IDisposable
{
    private const string DigestHeader = "Docker-Content-Digest";
    private const int MaxManifestBytes = 4 * 1024 * 1024;
    private readonly HttpClient _http;
    private readonly RegistryAuthHandler _auth;

    private RegistryClient(HttpClient http, RegistryAuthHandler auth)
    {
        _http = http;
        _auth = auth;
    }

    public Uri BaseAddress => _http.BaseAddress!;

    /// <summary>Tokens fetched so far; a client reusing its cached tokens keeps this low.</summary>
    public int TokenFetches => _auth.TokenFetches;

    public static RegistryClient Create(RegistryClientOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var sockets = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.MaxConnectionsPerServer,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            AllowAutoRedirect = true,
            ConnectTimeout = TimeSpan.FromSeconds(30),
        };
        if (options.Tls is { } tls)
        {
            sockets.SslOptions = tls;
        }

        return Create(options, sockets, time);
    }

    /// <summary>
    /// A client over a transport the caller composed (a handler of IHttpClientFactory's with its resilience, in a
    /// host); auth is answered above it. The transport is disposed with the client, a no-op for a factory's handler.
    /// </summary>
    public static RegistryClient Create(RegistryClientOptions options, HttpMessageHandler transport, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var auth = new RegistryAuthHandler(transport, options, time ?? TimeProvider.System);
        var http = new HttpClient(auth, disposeHandler: true) { BaseAddress = options.BaseAddress, Timeout = options.Timeout };
        return new RegistryClient(http, auth);
    }

    /// <summary>GET /v2/: succeeds when the registry answers 200, or 401 (it is there, and wants credentials).</summary>
    public async Task PingAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri("/v2/", UriKind.Relative), cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            await EnsureSuccessAsync(response, cancellationToken);
        }
    }

    public async Task<bool> BlobExistsAsync(string repository, string digest, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, $"/v2/{repository}/blobs/{digest}");
        using var response = await _http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await EnsureSuccessAsync(response, cancellationToken);
        return true;
    }

    /// <summary>HEAD on a blob: its length, or null when the registry does not have it (-1 when it did not say).</summary>
    public async Task<long?> GetBlobLengthAsync(string repository, string digest, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, $"/v2/{repository}/blobs/{digest}");
        using var response = await _http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, cancellationToken);
        return response.Content.Headers.ContentLength ?? -1;
    }

    /// <summary>Monolithic upload: POST to open a session, then one PUT ?digest= carrying the whole body.</summary>
    public async Task PushBlobAsync(string repository, string digest, HttpContent content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var location = await StartUploadAsync(repository, cancellationToken);
        content.Headers.ContentType ??= new MediaTypeHeaderValue("application/octet-stream");
        using var request = new HttpRequestMessage(HttpMethod.Put, WithDigest(location, digest)) { Content = content };
        using var response = await _http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    public Task PushBlobAsync(string repository, string digest, Stream content, long length, CancellationToken cancellationToken) =>
        PushBlobAsync(repository, digest, new StreamSliceContent(content, length), cancellationToken);

    /// <summary>
    /// Chunked upload: POST, then one PATCH per chunk with its Content-Range (following each returned Location),
    /// then an empty PUT ?digest= to commit. <paramref name="chunk"/> gives the body of the chunk at an offset.
    /// </summary>
    public async Task PushBlobChunkedAsync(
        string repository,
        string digest,
        long length,
        int chunkSize,
        Func<long, int, HttpContent> chunk,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        var location = await StartUploadAsync(repository, cancellationToken);
        for (long offset = 0; offset < length; offset += chunkSize)
        {
            var size = (int)Math.Min(chunkSize, length - offset);
            using var patch = new HttpRequestMessage(HttpMethod.Patch, location) { Content = chunk(offset, size) };
            patch.Content.Headers.ContentType ??= new MediaTypeHeaderValue("application/octet-stream");
            patch.Content.Headers.TryAddWithoutValidation("Content-Range", $"{offset}-{offset + size - 1}");
            using var response = await _http.SendAsync(patch, cancellationToken);
            await EnsureSuccessAsync(response, cancellationToken);
            location = ResolveLocation(response, location);
        }

        using var put = new HttpRequestMessage(HttpMethod.Put, WithDigest(location, digest)) { Content = new ByteArrayContent([]) };
        using var committed = await _http.SendAsync(put, cancellationToken);
        await EnsureSuccessAsync(committed, cancellationToken);
    }

    public Task PushBlobChunkedAsync(string repository, string digest, Stream content, long length, int chunkSize, CancellationToken cancellationToken) =>
        PushBlobChunkedAsync(repository, digest, length, chunkSize, (_, size) => new StreamSliceContent(content, size), cancellationToken);

    /// <summary>Puts a manifest and returns the digest the registry computed for it.</summary>
    public async Task<string?> PutManifestAsync(
        string repository, string reference, string mediaType, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/v2/{repository}/manifests/{reference}")
        {
            Content = new ReadOnlyMemoryContent(content),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        using var response = await _http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return Header(response, DigestHeader);
    }

    public async Task<ManifestResponse> GetManifestAsync(string repository, string reference, CancellationToken cancellationToken)
    {
        using var request = ManifestRequest(HttpMethod.Get, repository, reference);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        if (response.Content.Headers.ContentLength > MaxManifestBytes)
        {
            throw new RegistryClientException($"The manifest is {response.Content.Headers.ContentLength} bytes, more than {MaxManifestBytes}.");
        }

        var content = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var mediaType = response.Content.Headers.ContentType?.MediaType ?? string.Empty;
        return new ManifestResponse(content, mediaType, Header(response, DigestHeader));
    }

    /// <summary>HEAD on a manifest; null when the registry does not have it.</summary>
    public async Task<ManifestInfo?> HeadManifestAsync(string repository, string reference, CancellationToken cancellationToken)
    {
        using var request = ManifestRequest(HttpMethod.Head, repository, reference);
        using var response = await _http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, cancellationToken);
        return new ManifestInfo(Header(response, DigestHeader), response.Content.Headers.ContentType?.MediaType, response.Content.Headers.ContentLength);
    }

    /// <summary>Opens a blob for streaming; the body is read from the socket as the caller reads <see cref="BlobDownload.Content"/>.</summary>
    public async Task<BlobDownload> GetBlobAsync(string repository, string digest, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/{repository}/blobs/{digest}");
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        try
        {
            await EnsureSuccessAsync(response, cancellationToken);
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            return new BlobDownload(response, stream);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    public async Task<IReadOnlyList<string>> ListTagsAsync(string repository, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri($"/v2/{repository}/tags/list", UriKind.Relative), cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var list = await JsonSerializer.DeserializeAsync(body, OciJsonContext.Default.TagList, cancellationToken);
        return list?.Tags ?? [];
    }

    /// <summary>The catalog, every page (following the Link header's next page).</summary>
    public async Task<IReadOnlyList<string>> ListRepositoriesAsync(CancellationToken cancellationToken)
    {
        var names = new List<string>();
        Uri? next = new("/v2/_catalog?n=1000", UriKind.Relative);
        while (next is not null)
        {
            using var response = await _http.GetAsync(next, cancellationToken);
            await EnsureSuccessAsync(response, cancellationToken);
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var page = await JsonSerializer.DeserializeAsync(body, OciJsonContext.Default.Catalog, cancellationToken);
            names.AddRange(page?.Repositories ?? []);
            next = NextPage(response);
        }

        return names;
    }

    /// <summary>The referrers index of a manifest (its exact bytes), or null when the registry does not know the repository.</summary>
    public async Task<byte[]?> GetReferrersAsync(string repository, string digest, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri($"/v2/{repository}/referrers/{digest}", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, cancellationToken);
        if (response.Content.Headers.ContentLength > MaxManifestBytes)
        {
            throw new RegistryClientException($"The referrers index is {response.Content.Headers.ContentLength} bytes, more than {MaxManifestBytes}.");
        }

        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    /// <summary>DELETE of a manifest by tag or digest; false when the registry did not have it.</summary>
    public async Task<bool> DeleteManifestAsync(string repository, string reference, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/v2/{repository}/manifests/{reference}");
        using var response = await _http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await EnsureSuccessAsync(response, cancellationToken);
        return true;
    }

    public void Dispose() => _http.Dispose();

    private static Uri? NextPage(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var links))
        {
            return null;
        }

        foreach (var link in links)
        {
            var start = link.IndexOf('<', StringComparison.Ordinal);
            var end = link.IndexOf('>', StringComparison.Ordinal);
            if (start >= 0 && end > start && link.Contains("rel=\"next\"", StringComparison.Ordinal))
            {
                return new Uri(link[(start + 1)..end], UriKind.RelativeOrAbsolute);
            }
        }

        return null;
    }

    internal async Task<Uri> StartUploadAsync(string repository, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v2/{repository}/blobs/uploads/") { Content = new ByteArrayContent([]) };
        using var response = await _http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return ResolveLocation(response, request.RequestUri!);
    }

    private Uri ResolveLocation(HttpResponseMessage response, Uri current)
    {
        var location = response.Headers.Location
            ?? throw new RegistryClientException(response.StatusCode, null, "The registry answered an upload request without a Location.");
        var origin = current.IsAbsoluteUri ? current : new Uri(_http.BaseAddress!, current);
        return location.IsAbsoluteUri ? location : new Uri(origin, location);
    }

    private static Uri WithDigest(Uri location, string digest)
    {
        var builder = new UriBuilder(location);
        var digestParameter = "digest=" + Uri.EscapeDataString(digest);
        builder.Query = string.IsNullOrEmpty(builder.Query) || builder.Query == "?"
            ? digestParameter
            : builder.Query.TrimStart('?') + "&" + digestParameter;
        return builder.Uri;
    }

    private static HttpRequestMessage ManifestRequest(HttpMethod method, string repository, string reference)
    {
        var request = new HttpRequestMessage(method, $"/v2/{repository}/manifests/{reference}");
        request.Headers.TryAddWithoutValidation("Accept", OciMediaTypes.ManifestAccept);
        return request;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        string? code = null;
        string? message = null;
        if (response.RequestMessage?.Method != HttpMethod.Head)
        {
            try
            {
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                var envelope = await JsonSerializer.DeserializeAsync(body, OciJsonContext.Default.ErrorEnvelope, cancellationToken);
                var first = envelope?.Errors is { Count: > 0 } errors ? errors[0] : null;
                code = first?.Code;
                message = first?.Message;
            }
            catch (JsonException)
            {
                // Not an OCI error body (a proxy's HTML page, for one): the status alone describes the failure.
            }
        }

        var status = (int)response.StatusCode;
        throw new RegistryClientException(
            response.StatusCode,
            code,
            string.Create(CultureInfo.InvariantCulture, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath} answered {status}{(code is null ? string.Empty : " " + code)}{(message is null ? string.Empty : ": " + message)}"));
    }
}
