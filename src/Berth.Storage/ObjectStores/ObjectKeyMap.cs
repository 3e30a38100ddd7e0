namespace Berth.Storage.ObjectStores;

/// <summary>
/// Maps driver paths to the keys of a flat object store (S3, Azure Blob, Swift, GCS...) under a configured prefix, and
/// back. Directories exist only as key prefixes: a directory's prefix is its key followed by '/'.
/// </summary>
public sealed class ObjectKeyMap
{
    /// <param name="prefix">Where the tree lives inside the bucket or container: empty, or a '/'-separated prefix (a trailing '/' is added).</param>
    public ObjectKeyMap(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        Prefix = prefix.Length == 0 || prefix.EndsWith('/') ? prefix : prefix + "/";
    }

    /// <summary>The prefix every key starts with: empty, or ending in '/'.</summary>
    public string Prefix { get; }

    /// <summary>The object key of a (validated) driver path; the root maps to the prefix itself.</summary>
    public string Key(string path) => Prefix + StoragePath.Validate(path)[1..];

    /// <summary>The prefix every key under <paramref name="path"/> starts with, '/'-terminated except for an empty root.</summary>
    public string DirectoryPrefix(string path) => path == "/" ? Prefix : Key(path) + "/";

    /// <summary>The driver path of a key (or of a listed common prefix, whose trailing '/' is dropped).</summary>
    public string Path(string key) => "/" + key[Prefix.Length..].TrimEnd('/');
}
