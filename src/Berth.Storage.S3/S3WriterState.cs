using Berth.Storage.ObjectStores;

namespace Berth.Storage.S3;

/// <summary>
/// The small object in which a closed writer leaves its unsent tail and multipart upload, beside the object it writes
/// (listings hide it), and its metadata: the multipart upload, parts and total size.
/// </summary>
internal static class S3WriterState
{
    public const string Suffix = ".tmp-berth-writer";
    public const string UploadId = "berth-upload-id";
    public const string Parts = "berth-parts";
    public const string Size = "berth-size";

    public static string Key(ObjectKeyMap keys, string path) => keys.Key(path) + Suffix;

    public static bool IsStateKey(string key) => key.EndsWith(Suffix, StringComparison.Ordinal);
}
