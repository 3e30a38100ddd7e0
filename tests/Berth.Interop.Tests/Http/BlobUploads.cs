using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace Berth.Interop.Tests.Http;

/// <summary>The OCI blob upload protocol spoken directly over HTTP, for what no client does on demand (crash, memory).</summary>
public sealed class BlobUploads(HttpClient http)
{
    public async Task<Uri> StartAsync(string repository)
    {
        using var response = await http.PostAsync($"/v2/{repository}/blobs/uploads/", null);
        await ExpectAsync(response, HttpStatusCode.Accepted);
        return Location(response);
    }

    /// <summary>One in-order chunk with Content-Range; returns the next upload location.</summary>
    public async Task<Uri> PatchChunkAsync(Uri location, Stream body, long offset, long length, CancellationToken cancellationToken = default)
    {
        using var content = new StreamContent(body);
        content.Headers.ContentLength = length;
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var request = new HttpRequestMessage(HttpMethod.Patch, location) { Content = content };
        request.Headers.TryAddWithoutValidation("Content-Range", $"{offset}-{offset + length - 1}");
        using var response = await http.SendAsync(request, cancellationToken);
        await ExpectAsync(response, HttpStatusCode.Accepted);
        return Location(response);
    }

    /// <summary>A streamed PATCH (chunked transfer encoding, no Content-Range), as docker sends a layer.</summary>
    public async Task<Uri> PatchStreamAsync(Uri location, Stream body)
    {
        using var content = new StreamContent(body, 1024 * 1024);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await http.PatchAsync(location, content);
        await ExpectAsync(response, HttpStatusCode.Accepted);
        return Location(response);
    }

    /// <summary>Closes the upload with PUT ?digest=, with an optional final body (a monolithic PUT).</summary>
    public async Task CompleteAsync(Uri location, string digest, Stream? body = null, long length = 0)
    {
        using var content = body is null ? null : new StreamContent(body, 1024 * 1024);
        if (content is not null)
        {
            content.Headers.ContentLength = length;
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        }

        var separator = location.OriginalString.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        var target = new Uri(location.OriginalString + separator + "digest=" + Uri.EscapeDataString(digest), UriKind.RelativeOrAbsolute);
        using var response = await http.PutAsync(target, content);
        await ExpectAsync(response, HttpStatusCode.Created);
    }

    /// <summary>GET on the upload: the status code and, when there is one, the Range header ("0-N").</summary>
    public async Task<(HttpStatusCode Status, string? Range)> StatusAsync(Uri location)
    {
        using var response = await http.GetAsync(location);
        return (response.StatusCode, response.Headers.TryGetValues("Range", out var range) ? range.Single() : null);
    }

    /// <summary>Streams a blob down, hashing it without keeping it: its sha256 digest and length.</summary>
    public async Task<(string Digest, long Length)> DownloadDigestAsync(string repository, string digest)
    {
        using var response = await http.GetAsync($"/v2/{repository}/blobs/{digest}", HttpCompletionOption.ResponseHeadersRead);
        await ExpectAsync(response, HttpStatusCode.OK);
        await using var body = await response.Content.ReadAsStreamAsync();
        return await Sha256Async(body);
    }

    public static async Task<(string Digest, long Length)> Sha256Async(Stream stream)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(1024 * 1024);
        long length = 0;
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                length += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return ("sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset()), length);
    }

    private Uri Location(HttpResponseMessage response)
    {
        var location = response.Headers.Location ?? throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} gave no Location.");
        return location.IsAbsoluteUri ? location : new Uri(http.BaseAddress!, location);
    }

    private static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)expected}, got {(int)response.StatusCode}: " +
                await response.Content.ReadAsStringAsync());
        }
    }
}
