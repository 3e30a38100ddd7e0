using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace Berth.Storage.Swift.Client;

/// <summary>Object-level Swift operations on named objects in the account's containers; no storage-path logic.</summary>
internal sealed class SwiftObjectStore(SwiftClient client, int listPageSize, ILogger logger)
{
    public const string WriterHeader = "X-Object-Meta-Berth-Writer";
    private const int CleanupParallelism = 8;

    public SwiftClient Client => client;

    public static string Url(string container, string name) => SwiftClient.Escape(container) + "/" + SwiftClient.Escape(name);

    public async Task EnsureContainerAsync(string container, CancellationToken cancellationToken)
    {
        using var head = await client.SendAsync(HttpMethod.Head, SwiftClient.Escape(container), null, HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (head.IsSuccessStatusCode)
        {
            return;
        }

        using var put = await client.SendAsync(HttpMethod.Put, SwiftClient.Escape(container), null, HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (!put.IsSuccessStatusCode)
        {
            throw SwiftClient.Failure(put, $"container '{container}'");
        }

        Log.ContainerCreated(logger, container);
    }

    public async Task<SwiftHead?> HeadAsync(string container, string name, CancellationToken cancellationToken)
    {
        using var response = await client.SendAsync(HttpMethod.Head, Url(container, name), null, HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw SwiftClient.Failure(response, name);
        }

        var slo = response.Headers.TryGetValues("X-Static-Large-Object", out var values)
            && string.Equals(values.FirstOrDefault(), "true", StringComparison.OrdinalIgnoreCase);
        var writer = response.Headers.TryGetValues(WriterHeader, out var writers) ? writers.FirstOrDefault() : null;
        return new SwiftHead(response.Content.Headers.ContentLength ?? 0, response.Content.Headers.LastModified ?? DateTimeOffset.UnixEpoch, slo, writer);
    }

    public async Task PutAsync(string container, string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        using var response = await client.SendAsync(HttpMethod.Put, Url(container, name), r => r.Content = new ReadOnlyMemoryContent(content), HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw SwiftClient.Failure(response, name);
        }
    }

    public async Task PutManifestAsync(string container, string name, IReadOnlyList<SloSegment> segments, string? writer, CancellationToken cancellationToken)
    {
        var list = segments as List<SloSegment> ?? [.. segments];
        using var response = await client.SendAsync(
            HttpMethod.Put,
            Url(container, name) + "?multipart-manifest=put",
            r =>
            {
                r.Content = JsonContent.Create(list, SwiftJsonContext.Default.ListSloSegment);
                if (writer is not null)
                {
                    r.Headers.Add(WriterHeader, writer);
                }
            },
            HttpCompletionOption.ResponseContentRead,
            cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var detail = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"Swift manifest PUT {name} failed: {(int)response.StatusCode} {detail}", null, response.StatusCode);
        }
    }

    /// <summary>The segments of a Static Large Object, nested manifests expanded.</summary>
    public async Task<SloLayout> GetLayoutAsync(string container, string name, CancellationToken cancellationToken)
    {
        var segments = new List<SloManifestEntry>();
        var nested = new List<string>();
        await ExpandAsync(Url(container, name), segments, nested, cancellationToken);
        return new SloLayout(segments, nested);
    }

    /// <summary>Copies an object server-side; a Static Large Object is copied as a manifest that shares the segments.</summary>
    public async Task CopyAsync(string container, string source, string destination, bool manifest, CancellationToken cancellationToken)
    {
        var destinationHeader = "/" + Url(container, destination);
        using var response = await client.SendAsync(
            new HttpMethod("COPY"),
            Url(container, source) + (manifest ? "?multipart-manifest=get" : string.Empty),
            r => r.Headers.Add("Destination", destinationHeader),
            HttpCompletionOption.ResponseContentRead,
            cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw SwiftClient.Failure(response, $"copy of {source} to {destination}");
        }
    }

    /// <summary>Copies a plain object into another container, server-side.</summary>
    public async Task CopyToAsync(string sourceContainer, string source, string destinationContainer, string destination, CancellationToken cancellationToken)
    {
        var destinationHeader = "/" + Url(destinationContainer, destination);
        using var response = await client.SendAsync(
            new HttpMethod("COPY"), Url(sourceContainer, source), r => r.Headers.Add("Destination", destinationHeader), HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw SwiftClient.Failure(response, $"copy of {source} to {destination}");
        }
    }

    /// <summary>Deletes one object (with <paramref name="withSegments"/>, a manifest and its segments); false when it was not there.</summary>
    public async Task<bool> DeleteAsync(string container, string name, bool withSegments, CancellationToken cancellationToken)
    {
        if (withSegments)
        {
            var layout = await GetLayoutAsync(container, name, cancellationToken);
            var deleted = await DeleteAsync(container, name, withSegments: false, cancellationToken);
            await DeleteObjectsAsync(layout.AllObjects, cancellationToken);
            return deleted;
        }

        using var response = await client.SendAsync(HttpMethod.Delete, Url(container, name), null, HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        return response.IsSuccessStatusCode ? true : throw SwiftClient.Failure(response, name);
    }

    /// <summary>
    /// Writes an object with <paramref name="write"/>; when it replaces a Static Large Object, deletes the segments the
    /// new object does not reference (<paramref name="keep"/>), so an overwrite leaves no orphans behind.
    /// </summary>
    public async Task ReplaceAsync(
        string container, string name, Func<CancellationToken, Task> write, Func<CancellationToken, Task<IReadOnlySet<string>>> keep, CancellationToken cancellationToken)
    {
        var old = await HeadAsync(container, name, cancellationToken);
        var layout = old is { IsStaticLargeObject: true } ? await GetLayoutAsync(container, name, cancellationToken) : null;
        await write(cancellationToken);
        if (layout is not null)
        {
            var kept = await keep(cancellationToken);
            await DeleteObjectsAsync(layout.AllObjects.Where(o => !kept.Contains(o)), cancellationToken);
        }
    }

    /// <summary>Best-effort deletion of objects named "/container/object" (replaced segments): failures are logged, not thrown.</summary>
    public async Task DeleteObjectsAsync(IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(paths, new ParallelOptions { MaxDegreeOfParallelism = CleanupParallelism, CancellationToken = cancellationToken }, async (path, ct) =>
        {
            try
            {
                var slash = path.IndexOf('/', 1);
                await DeleteAsync(path[1..slash], path[(slash + 1)..], withSegments: false, ct);
            }
            catch (HttpRequestException e)
            {
                Log.SegmentCleanupFailed(logger, path, e);
            }
        });
    }

    /// <summary>Lists a container by prefix, page by page with markers; with a delimiter, deeper names come back as subdirs.</summary>
    public async IAsyncEnumerable<SwiftListingEntry> ListAsync(
        string container, string prefix, char? delimiter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var marker = string.Empty;
        while (true)
        {
            var url = $"{SwiftClient.Escape(container)}?format=json&limit={listPageSize}&prefix={Uri.EscapeDataString(prefix)}"
                + (delimiter is { } d ? $"&delimiter={Uri.EscapeDataString(d.ToString())}" : string.Empty)
                + (marker.Length > 0 ? $"&marker={Uri.EscapeDataString(marker)}" : string.Empty);
            using var response = await client.SendAsync(HttpMethod.Get, url, null, HttpCompletionOption.ResponseContentRead, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NoContent)
            {
                yield break;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw SwiftClient.Failure(response, $"listing of {container}");
            }

            var page = await response.Content.ReadFromJsonAsync(SwiftJsonContext.Default.ListSwiftListingEntry, cancellationToken) ?? [];
            foreach (var entry in page)
            {
                yield return entry;
            }

            if (page.Count < listPageSize)
            {
                yield break;
            }

            marker = page[^1].Name ?? page[^1].Subdir ?? string.Empty;
        }
    }

    private async Task ExpandAsync(string url, List<SloManifestEntry> segments, List<string> nested, CancellationToken cancellationToken)
    {
        using var response = await client.SendAsync(HttpMethod.Get, url + "?multipart-manifest=get", null, HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw SwiftClient.Failure(response, "manifest " + url);
        }

        foreach (var entry in await response.Content.ReadFromJsonAsync(SwiftJsonContext.Default.ListSloManifestEntry, cancellationToken) ?? [])
        {
            if (entry.SubSlo)
            {
                nested.Add(entry.Name);
                await ExpandAsync(SwiftClient.Escape(entry.Name.TrimStart('/')), segments, nested, cancellationToken);
            }
            else
            {
                segments.Add(entry);
            }
        }
    }
}
