using System.Globalization;
using Berth.Storage.ObjectStores;

namespace Berth.Storage.Gcs.Writing;

/// <summary>
/// Metadata of the writer-state objects: "{name}.tmp-berth-writer" for a closed writer (its body is the tail not yet
/// sent, shorter than GCS's 256 KiB chunk granularity) and "{name}.tmp-berth-writer-{id}" while a writer with a session
/// runs, so a purge finds the session of a writer whose process died.
/// </summary>
internal static class GcsWriterState
{
    public const string Suffix = ".tmp-berth-writer";
    public const string Session = "berth-session";
    public const string Size = "berth-size";
    public const string Sent = "berth-sent";

    public static string Name(ObjectKeyMap keys, string path) => keys.Key(path) + Suffix;

    /// <summary>A closed writer's state ("...tmp-berth-writer") or a running writer's record ("...tmp-berth-writer-{id}"); listings hide both.</summary>
    public static bool IsStateName(string name) =>
        name.EndsWith(Suffix, StringComparison.Ordinal) || name.AsSpan(name.LastIndexOf('/') + 1).Contains(Suffix + "-", StringComparison.Ordinal);

    public static Uri? SessionOf(Google.Apis.Storage.v1.Data.Object state) =>
        state.Metadata?.TryGetValue(Session, out var session) == true && Uri.TryCreate(session, UriKind.Absolute, out var uri) ? uri : null;

    public static long Number(Google.Apis.Storage.v1.Data.Object state, string key) =>
        state.Metadata?.TryGetValue(key, out var value) == true ? long.Parse(value, CultureInfo.InvariantCulture) : 0;

    public static Dictionary<string, string> Of(Uri? session, long size, long sent) => new()
    {
        [Session] = session?.AbsoluteUri ?? string.Empty,
        [Size] = size.ToString(CultureInfo.InvariantCulture),
        [Sent] = sent.ToString(CultureInfo.InvariantCulture),
    };
}
