using System.Net;
using System.Net.Http.Headers;
using Berth.Interop.Tests.Http;

namespace Berth.Cluster.Tests.Infrastructure;

/// <summary>
/// The OCI chunked upload spoken over HTTP with seeded content, telling which node (behind nginx) took each part.
/// Locations are kept as paths, so a session started through one address can go on through another.
/// </summary>
public static class UploadProtocol
{
    public static async Task<Uri> StartAsync(HttpClient http, string repository)
    {
        using var response = await http.PostAsync($"/v2/{repository}/blobs/uploads/", null);
        await ExpectAsync(response, HttpStatusCode.Accepted);
        return PathOf(response);
    }

    /// <summary>PATCHes bytes [offset, offset+length) of the seeded content; returns the next location and the node that took them.</summary>
    public static async Task<(Uri Next, string Upstream)> PatchAsync(HttpClient http, Uri location, Stream body, long offset, long length, CancellationToken cancellationToken = default)
    {
        using var content = new StreamContent(body, 256 * 1024);
        content.Headers.ContentLength = length;
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var request = new HttpRequestMessage(HttpMethod.Patch, location) { Content = content };
        request.Headers.TryAddWithoutValidation("Content-Range", $"{offset}-{offset + length - 1}");
        using var response = await http.SendAsync(request, cancellationToken);
        await ExpectAsync(response, HttpStatusCode.Accepted);
        var range = response.Headers.GetValues("Range").Single();
        if (range != $"0-{offset + length - 1}")
        {
            throw new InvalidOperationException($"PATCH {offset}-{offset + length - 1} answered Range {range}.");
        }

        var upstream = response.Headers.TryGetValues(Upstreams.Header, out var values) ? values.Single() : http.BaseAddress!.Authority;
        return (PathOf(response), upstream);
    }

    public static Task<(Uri Next, string Upstream)> PatchSeededAsync(HttpClient http, Uri location, ulong seed, long offset, long length) =>
        PatchAsync(http, location, new SeededStream(seed, offset + length, offset), offset, length);

    public static async Task CompleteAsync(HttpClient http, Uri location, string digest)
    {
        var separator = location.OriginalString.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        using var response = await http.PutAsync(new Uri(location.OriginalString + separator + "digest=" + Uri.EscapeDataString(digest), UriKind.Relative), null);
        await ExpectAsync(response, HttpStatusCode.Created);
    }

    /// <summary>GET on the session: its status and the next offset to send (one past the end of its Range), or null without one.</summary>
    public static async Task<(HttpStatusCode Status, long? Offset)> StatusAsync(HttpClient http, Uri location)
    {
        using var response = await http.GetAsync(location);
        if (!response.Headers.TryGetValues("Range", out var values))
        {
            return (response.StatusCode, response.StatusCode == HttpStatusCode.NoContent ? 0 : null);
        }

        var range = values.Single();
        return (response.StatusCode, long.Parse(range[(range.IndexOf('-', StringComparison.Ordinal) + 1)..], System.Globalization.CultureInfo.InvariantCulture) + 1);
    }

    private static Uri PathOf(HttpResponseMessage response)
    {
        var location = response.Headers.Location ?? throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} gave no Location.");
        return new Uri(location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString, UriKind.Relative);
    }

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
