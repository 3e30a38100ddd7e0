using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Berth.Storage.Swift.Client;

namespace Berth.Storage.Swift.Writing;

/// <summary>
/// Keeps concurrent commits to one path from leaking segments. Before publishing, a writer records the objects its
/// manifest uses ("{Prefix}commits/{path}/{writer id}"); the manifest names its writer (X-Object-Meta-Berth-Writer).
/// After publishing, the writer sweeps: every record but the current winner's loses its segments and is deleted.
/// The last of any set of racing commits sweeps after every other one has recorded, so nothing is left behind;
/// a HEAD-then-PUT check alone misses a commit that lands between another's HEAD and PUT.
/// </summary>
internal static class SwiftCommitRecords
{
    public static string Prefix(SwiftWriterSettings settings, string relative) => settings.Prefix + "commits/" + relative + "/";

    public static Task WriteAsync(SwiftWriterSettings settings, string relative, string writer, IReadOnlySet<string> objects, CancellationToken cancellationToken) =>
        settings.Store.PutAsync(settings.SegmentContainer, Prefix(settings, relative) + writer, JsonSerializer.SerializeToUtf8Bytes([.. objects], SwiftJsonContext.Default.ListString), cancellationToken);

    /// <summary>
    /// Deletes the records of <paramref name="relative"/> (the winner's too with <paramref name="includeWinner"/>) and
    /// the objects of every non-winning record that the winner does not use.
    /// </summary>
    public static async Task SweepAsync(SwiftWriterSettings settings, string relative, string? winner, bool includeWinner, CancellationToken cancellationToken)
    {
        var store = settings.Store;
        var prefix = Prefix(settings, relative);
        var records = new List<string>();
        await foreach (var entry in store.ListAsync(settings.SegmentContainer, prefix, '/', cancellationToken))
        {
            if (entry.Name is { } name)
            {
                records.Add(name[prefix.Length..]);
            }
        }

        var used = winner is not null && records.Contains(winner) ? await ReadAsync(store, settings.SegmentContainer, prefix + winner, cancellationToken) : [];
        foreach (var record in records.Where(r => r != winner))
        {
            var objects = await ReadAsync(store, settings.SegmentContainer, prefix + record, cancellationToken);
            await store.DeleteObjectsAsync(objects.Where(o => !used.Contains(o)), cancellationToken);
            await store.DeleteAsync(settings.SegmentContainer, prefix + record, withSegments: false, cancellationToken);
        }

        if (includeWinner && winner is not null && records.Contains(winner))
        {
            await store.DeleteAsync(settings.SegmentContainer, prefix + winner, withSegments: false, cancellationToken);
        }
    }

    private static async Task<HashSet<string>> ReadAsync(SwiftObjectStore store, string container, string name, CancellationToken cancellationToken)
    {
        using var response = await store.Client.SendAsync(HttpMethod.Get, SwiftObjectStore.Url(container, name), null, HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return [];
        }

        return response.IsSuccessStatusCode
            ? [.. await response.Content.ReadFromJsonAsync(SwiftJsonContext.Default.ListString, cancellationToken) ?? []]
            : throw SwiftClient.Failure(response, "commit record " + name);
    }
}
