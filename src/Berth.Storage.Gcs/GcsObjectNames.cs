namespace Berth.Storage.Gcs;

/// <summary>Maps driver paths to object names under the configured root directory, and back.</summary>
internal sealed class GcsObjectNames(string rootDirectory)
{
    /// <summary>
    /// Suffix of the small object in which a writer records its resumable upload session (and, once closed, the tail
    /// it could not send yet), beside the object it writes. Listings hide it.
    /// </summary>
    public const string WriterStateSuffix = ".tmp-berth-writer";

    private readonly string _prefix = rootDirectory.Length == 0 ? string.Empty : rootDirectory + "/";

    public string Name(string path) => _prefix + path[1..];

    /// <summary>The prefix every name under <paramref name="path"/> starts with, '/'-terminated except for the bucket root.</summary>
    public string DirectoryPrefix(string path) => path == "/" ? _prefix : Name(path) + "/";

    public string WriterStateName(string path) => Name(path) + WriterStateSuffix;

    public string Path(string name) => "/" + name[_prefix.Length..].TrimEnd('/');

    /// <summary>A closed writer's state ("...tmp-berth-writer") or a running writer's record ("...tmp-berth-writer-{id}").</summary>
    public static bool IsWriterState(string name) =>
        name.EndsWith(WriterStateSuffix, StringComparison.Ordinal)
        || name.AsSpan(name.LastIndexOf('/') + 1).Contains(WriterStateSuffix + "-", StringComparison.Ordinal);
}
