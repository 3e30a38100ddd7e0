using Berth.Storage.ObjectStores;

namespace Berth.Storage.S3;

/// <summary>
/// The small object in which a closed writer records, in its metadata, its multipart upload, parts, tail pieces
/// (<see cref="S3TailPieces"/>, named after it) and total size, beside the object it writes; listings hide both.
/// </summary>
internal static class S3WriterState
{
    public const string Suffix = ".tmp-berth-writer";
    public const string UploadId = "berth-upload-id";
    public const string Parts = "berth-parts";
    public const string Pieces = "berth-pieces";
    public const string FirstPiece = "berth-first-piece";
    public const string Size = "berth-size";

    public static string Key(ObjectKeyMap keys, string path) => keys.Key(path) + Suffix;

    /// <summary>A writer state's key, or one of its tail pieces' (the state's key, a dot and a number).</summary>
    public static bool IsStateKey(string key)
    {
        var at = key.LastIndexOf(Suffix, StringComparison.Ordinal);
        if (at < 0)
        {
            return false;
        }

        var rest = key.AsSpan(at + Suffix.Length);
        return rest.IsEmpty || (rest.Length > 1 && rest[0] == '.' && !rest[1..].ContainsAnyExceptInRange('0', '9'));
    }
}
