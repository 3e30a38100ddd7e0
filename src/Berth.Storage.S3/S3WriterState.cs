using Berth.Storage.ObjectStores;

namespace Berth.Storage.S3;

/// <summary>
/// The small object in which a closed writer leaves its unsent tail and multipart upload, beside the object it writes
/// (listings hide it), and its metadata: the multipart upload, parts, total size and the id of this version of it.
/// </summary>
internal static class S3WriterState
{
    public const string Suffix = ".tmp-berth-writer";
    public const string UploadId = "berth-upload-id";
    public const string Parts = "berth-parts";
    public const string Size = "berth-size";

    /// <summary>A new id with every state written, so a process that kept the tail it wrote knows the store still holds it.</summary>
    public const string Id = "berth-state-id";

    public static string Key(ObjectKeyMap keys, string path) => keys.Key(path) + Suffix;

    public static bool IsStateKey(string key) => key.EndsWith(Suffix, StringComparison.Ordinal);
}
