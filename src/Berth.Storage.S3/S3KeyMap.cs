namespace Berth.Storage.S3;

/// <summary>Maps driver paths to object keys under the configured root directory, and back.</summary>
internal sealed class S3KeyMap(string rootDirectory)
{
    /// <summary>
    /// Suffix of the small object in which a closed writer leaves its unsent tail and multipart upload id, beside the
    /// object it writes. Listings hide it.
    /// </summary>
    public const string WriterStateSuffix = ".tmp-berth-writer";

    private readonly string _prefix = rootDirectory.Length == 0 ? string.Empty : rootDirectory + "/";

    public string Key(string path) => _prefix + path[1..];

    /// <summary>The prefix every key under <paramref name="path"/> starts with, '/'-terminated except for the bucket root.</summary>
    public string DirectoryPrefix(string path) => path == "/" ? _prefix : Key(path) + "/";

    public string WriterStateKey(string path) => Key(path) + WriterStateSuffix;

    public string Path(string key) => "/" + key[_prefix.Length..].TrimEnd('/');

    public static bool IsWriterState(string key) => key.EndsWith(WriterStateSuffix, StringComparison.Ordinal);
}
