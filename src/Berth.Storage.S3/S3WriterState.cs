namespace Berth.Storage.S3;

/// <summary>Metadata of the writer-state object a closed writer leaves: its multipart upload, parts and total size.</summary>
internal static class S3WriterState
{
    public const string UploadId = "berth-upload-id";
    public const string Parts = "berth-parts";
    public const string Size = "berth-size";
}
