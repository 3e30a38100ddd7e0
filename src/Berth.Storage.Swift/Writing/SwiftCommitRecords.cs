using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Berth.Storage.Swift.Client;

namespace Berth.Storage.Swift.Writing;

/// <summary>
/// Keeps concurrent commits to one path from leaking segments. Before publishing, a writer records the objects its
/// manifest uses as an intent ("{Prefix}commits/{path}/{writer id}.intent"); the manifest names its writer
/// (X-Object-Meta-Berth-Writer); once the manifest PUT returns, the intent becomes a published record.
/// Then the writer sweeps: every published record but the current winner's loses its segments and is deleted.
/// Intents are never swept, because a writer between its intent and its PUT may still win.
/// The last of any set of racing commits sweeps after every other one has recorded, so nothing is left behind;
/// a HEAD-then-PUT check alone misses a commit that lands between another's HEAD and PUT.
/// </summary>
internal static class SwiftCommitRecords
{
    /// <summary>Marks the record of a writer that has not yet published its manifest: sweeps must leave its objects alone.</summary>
    private const string IntentSuffix = ".intent";

    public static string Prefix(SwiftWriterSettings settings, string relative) => settings.Prefix + "commits/" + relative + "/";

    /// <summary>Records the objects a writer is about to publish, before its manifest PUT.</summary>
    public static Task WriteIntentAsync(SwiftWriterSettings settings, string relative, string writer, IReadOnlySet<string> objects, CancellationToken cancellationToken) =>
        WriteAsync(settings, Prefix(settings, relative) + writer + IntentSuffix, objects, cancellationToken);

    /// <summary>Turns the intent into a published record once the manifest PUT has returned: from now on a sweep may reclaim it.</summary>
    public static async Task PublishAsync(SwiftWriterSettings settings, string relative, string writer, IReadOnlySet<string> objects, CancellationToken cancellationToken)
    {
        var prefix = Prefix(settings, relative);
        await WriteAsync(settings, prefix + writer, objects, cancellationToken);
        await settings.Store.DeleteAsync(settings.SegmentContainer, prefix + writer + IntentSuffix, withSegments: false, cancellationToken);
    }

    private static Task WriteAsync(SwiftWriterSettings settings, string name, IReadOnlySet<string> objects, CancellationToken cancellationToken) =>
        settings.Store.PutAsync(settings.SegmentContainer, name, JsonSerializer.SerializeToUtf8Bytes([.. objects], SwiftJsonContext.Default.ListString), cancellationToken);

    /// <summary>
    /// Deletes the published records of <paramref name="relative"/> (the winner's too with <paramref name="includeWinner"/>)
    /// and the objects of every published non-winning record that the winner does not use. Intents are skipped: their
    /// writer may still publish and win, and it sweeps after publishing, so nothing is left behind.
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

        var used = new HashSet<string>();
        if (winner is not null)
        {
            foreach (var record in records.Where(r => r == winner || r == winner + IntentSuffix))
            {
                used.UnionWith(await ReadAsync(store, settings.SegmentContainer, prefix + record, cancellationToken));
            }
        }

        foreach (var record in records.Where(r => r != winner && !r.EndsWith(IntentSuffix, StringComparison.Ordinal)))
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
