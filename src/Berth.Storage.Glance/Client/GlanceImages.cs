using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Berth.Storage.Swift.Client;

namespace Berth.Storage.Glance.Client;

/// <summary>
/// The Images API v2 calls the driver makes, over the OpenStack client the Swift driver has (Keystone tokens,
/// refresh on 401, retries of replayable requests). Every image it creates or lists carries the store's namespace.
/// </summary>
internal sealed class GlanceImages(SwiftClient client, string store, int pageSize) : IDisposable
{
    private const string JsonPatch = "application/openstack-images-v2.1-json-patch";

    /// <summary>Registers an image (container_format bare, disk_format raw) with the given properties; it has no data yet.</summary>
    public async Task<GlanceImage> CreateAsync(string path, Dictionary<string, string> properties, CancellationToken cancellationToken)
    {
        var body = new Dictionary<string, string>(properties)
        {
            ["name"] = GlanceProperties.DisplayName(path),
            ["container_format"] = "bare",
            ["disk_format"] = "raw",
            [GlanceProperties.Store] = store,
        };
        var json = JsonSerializer.Serialize(body, GlanceJsonContext.Default.DictionaryStringString);
        using var response = await client.SendAsync(
            HttpMethod.Post, "v2/images", r => r.Content = new StringContent(json, Encoding.UTF8, "application/json"), HttpCompletionOption.ResponseContentRead, cancellationToken);
        return await ReadImageAsync(response, $"image creation for {path}", cancellationToken);
    }

    /// <summary>Sends an image's data, in the one PUT Glance accepts; the content is produced as it is sent.</summary>
    public async Task UploadAsync(string id, HttpContent content, CancellationToken cancellationToken)
    {
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await client.SendStreamingAsync(HttpMethod.Put, $"v2/images/{id}/file", content, cancellationToken);
        if (response.StatusCode != HttpStatusCode.NoContent)
        {
            throw await FailureAsync(response, $"upload of image {id}", cancellationToken);
        }
    }

    /// <summary>Adds or replaces (null: removes) properties, in one json-patch request; returns the image as it is now.</summary>
    public async Task<GlanceImage> PatchAsync(string id, IEnumerable<(string Key, string? Value)> changes, CancellationToken cancellationToken)
    {
        var operations = changes.Select(c => c.Value is null
            ? new Dictionary<string, string> { ["op"] = "remove", ["path"] = "/" + c.Key }
            : new Dictionary<string, string> { ["op"] = "add", ["path"] = "/" + c.Key, ["value"] = c.Value }).ToList();
        var json = JsonSerializer.Serialize(operations, GlanceJsonContext.Default.ListDictionaryStringString);
        using var response = await client.SendAsync(
            HttpMethod.Patch, $"v2/images/{id}", r => r.Content = new StringContent(json, Encoding.UTF8, JsonPatch), HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new StorageNotFoundException(id);
        }

        return await ReadImageAsync(response, $"update of image {id}", cancellationToken);
    }

    /// <summary>
    /// Deletes an image; one already gone is fine. Two nodes deleting the same image race: the loser gets a 400 or 409
    /// ("status transition from deleted to deleted is not allowed"), so a refusal is checked against the image's state.
    /// </summary>
    public async Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await client.SendAsync(HttpMethod.Delete, $"v2/images/{id}", null, HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (response.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.NotFound)
        {
            return;
        }

        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Conflict && await IsGoneAsync(id, cancellationToken))
        {
            return;
        }

        throw await FailureAsync(response, $"deletion of image {id}", cancellationToken);
    }

    /// <summary>GETs an image's data from <paramref name="offset"/>; the caller owns the response.</summary>
    public Task<HttpResponseMessage> OpenFileAsync(string id, long offset, CancellationToken cancellationToken) =>
        client.SendAsync(
            HttpMethod.Get,
            $"v2/images/{id}/file",
            offset > 0 ? r => r.Headers.Range = new RangeHeaderValue(offset, null) : null,
            HttpCompletionOption.ResponseHeadersRead,
            cancellationToken);

    /// <summary>Every image of the store matching the filters (exact property values), page by page.</summary>
    public async IAsyncEnumerable<GlanceImage> ListAsync(IEnumerable<(string Key, string Value)> filters, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = new StringBuilder($"v2/images?limit={pageSize}&sort=created_at:asc,id:asc&{GlanceProperties.Store}={Uri.EscapeDataString(store)}");
        foreach (var (key, value) in filters)
        {
            query.Append('&').Append(key).Append('=').Append(Uri.EscapeDataString(value));
        }

        var baseQuery = query.ToString();
        string? marker = null;
        do
        {
            var url = marker is null ? baseQuery : baseQuery + "&marker=" + marker;
            using var response = await client.SendAsync(HttpMethod.Get, url, null, HttpCompletionOption.ResponseContentRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw await FailureAsync(response, "image listing", cancellationToken);
            }

            using var page = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            var images = page.RootElement.GetProperty("images");
            marker = null;
            foreach (var element in images.EnumerateArray())
            {
                var image = GlanceImage.Parse(element);
                marker = image.Id;
                yield return image;
            }

            if (images.GetArrayLength() < pageSize)
            {
                marker = null;
            }
        }
        while (marker is not null);
    }

    public void Dispose() => client.Dispose();

    private async Task<bool> IsGoneAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await client.SendAsync(HttpMethod.Get, $"v2/images/{id}", null, HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return true;
        }

        var image = await ReadImageAsync(response, $"read of image {id}", cancellationToken);
        return image.Status is "deleted" or "pending_delete";
    }

    /// <summary>Glance answers errors with HTML pages: the start of the body goes into the message.</summary>
    public static async Task<IOException> FailureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return new IOException($"Glance {what} failed: {(int)response.StatusCode} {response.ReasonPhrase}: {body[..Math.Min(body.Length, 300)].Trim()}");
    }

    private static async Task<GlanceImage> ReadImageAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw await FailureAsync(response, what, cancellationToken);
        }

        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return GlanceImage.Parse(document.RootElement);
    }
}
