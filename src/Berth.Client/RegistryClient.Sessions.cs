using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace Berth.Client;

/// <summary>Upload-session steps a copy drives one by one, so it can resume a session after a dropped connection.</summary>
public sealed partial class RegistryClient
{
    /// <summary>POST ?mount=&amp;from=: true when the registry linked the blob (201), false when it opened an upload instead.</summary>
    internal async Task<bool> MountBlobAsync(string repository, string digest, string fromRepository, CancellationToken cancellationToken)
    {
        var uri = $"/v2/{repository}/blobs/uploads/?mount={Uri.EscapeDataString(digest)}&from={Uri.EscapeDataString(fromRepository)}";
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent([]) };
        using var response = await _http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Created)
        {
            return true;
        }

        // The registry opened an upload session instead: cancel it rather than leave it to expire.
        if (response.Headers.Location is not null)
        {
            using var cancel = new HttpRequestMessage(HttpMethod.Delete, ResolveLocation(response, request.RequestUri!));
            using var cancelled = await _http.SendAsync(cancel, cancellationToken);
        }

        return false;
    }

    /// <summary>
    /// PATCH one chunk; returns the Location of the next request. A chunk of known length carries its Content-Range
    /// (starting at <paramref name="offset"/>); one of unknown length is streamed (chunked transfer encoding, no
    /// Content-Range) and appended where the upload ends, as docker's pushes do.
    /// </summary>
    internal async Task<Uri> PatchChunkAsync(Uri location, HttpContent chunk, long offset, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, location) { Content = chunk };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        if (chunk.Headers.ContentLength is { } length)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Range", string.Create(CultureInfo.InvariantCulture, $"{offset}-{offset + length - 1}"));
        }

        using var response = await _http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return ResolveLocation(response, location);
    }

    /// <summary>GET on an upload session: how many bytes the registry holds (from its Range header) and where to continue.</summary>
    internal async Task<(long Received, Uri Location)> GetUploadStatusAsync(Uri location, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(location, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        var range = response.Headers.TryGetValues("Range", out var values) ? values.FirstOrDefault() : null;
        var end = range?.Split('-') is [_, var last] && long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : -1;

        // "0-0" means one byte or none (registries disagree); claiming none only costs resending a byte.
        var received = end <= 0 ? 0 : end + 1;
        return (received, response.Headers.Location is null ? location : ResolveLocation(response, location));
    }

    /// <summary>PUT ?digest= closing the session, with the last bytes as its body (empty when all were PATCHed).</summary>
    internal async Task CompleteUploadAsync(Uri location, string digest, ReadOnlyMemory<byte> lastBytes, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, WithDigest(location, digest)) { Content = new ReadOnlyMemoryContent(lastBytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await _http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }
}
