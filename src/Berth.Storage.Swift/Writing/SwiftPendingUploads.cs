using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Berth.Storage.Swift.Client;

namespace Berth.Storage.Swift.Writing;

/// <summary>
/// The state of a closed, uncommitted writer: a small JSON object in the segment container listing its segments in
/// order. It is not a manifest, so closing costs one PUT however many segments there are (an SLO PUT would check
/// each segment), and the path itself shows nothing until commit.
/// </summary>
internal static class SwiftPendingUploads
{
    public static async Task<List<SloSegment>?> ReadAsync(SwiftObjectStore store, string container, string name, CancellationToken cancellationToken)
    {
        using var response = await store.Client.SendAsync(HttpMethod.Get, SwiftObjectStore.Url(container, name), null, HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        return response.IsSuccessStatusCode
            ? await response.Content.ReadFromJsonAsync(SwiftJsonContext.Default.ListSloSegment, cancellationToken) ?? []
            : throw SwiftClient.Failure(response, "pending upload " + name);
    }

    public static Task WriteAsync(SwiftObjectStore store, string container, string name, List<SloSegment> segments, CancellationToken cancellationToken) =>
        store.PutAsync(container, name, JsonSerializer.SerializeToUtf8Bytes(segments, SwiftJsonContext.Default.ListSloSegment), cancellationToken);

    /// <summary>Deletes a pending upload and its segments, except those in <paramref name="keep"/>; false when there was none.</summary>
    public static async Task<bool> DeleteAsync(SwiftObjectStore store, string container, string name, IReadOnlySet<string>? keep, CancellationToken cancellationToken)
    {
        var segments = await ReadAsync(store, container, name, cancellationToken);
        if (segments is null)
        {
            return false;
        }

        await store.DeleteObjectsAsync(segments.Select(s => s.Path).Where(p => keep?.Contains(p) != true), cancellationToken);
        await store.DeleteAsync(container, name, withSegments: false, cancellationToken);
        return true;
    }
}
