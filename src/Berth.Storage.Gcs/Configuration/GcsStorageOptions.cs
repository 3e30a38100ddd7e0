namespace Berth.Storage.Gcs.Configuration;

/// <summary>
/// Section "Storage:Gcs", used when Storage:Driver is "gcs": a Google Cloud Storage bucket (or an emulator).
/// Checked at start by <see cref="GcsStorageOptionsValidator"/>.
/// </summary>
public sealed class GcsStorageOptions
{
    public const string SectionName = "Storage:Gcs";

    /// <summary>GCS accepts resumable-upload chunks in multiples of 256 KiB only (except the last).</summary>
    public const int ChunkGranularity = 256 * 1024;

    public const int MaximumChunkSize = 256 * 1024 * 1024;

    /// <summary>The bucket; it must exist.</summary>
    public string? Bucket { get; set; }

    /// <summary>Object-name prefix under which the registry keeps everything ("" = the bucket's root).</summary>
    public string RootDirectory { get; set; } = string.Empty;

    /// <summary>How the driver authenticates; see <see cref="GcsAuthentication"/>.</summary>
    public GcsAuthentication Authentication { get; set; } = GcsAuthentication.ApplicationDefault;

    /// <summary>The service-account JSON key file, with <see cref="GcsAuthentication.ServiceAccountFile"/>.</summary>
    public string? CredentialsFile { get; set; }

    /// <summary>The JSON API's base URI for an emulator (http://127.0.0.1:9199/); unset for Google Cloud Storage.</summary>
    public Uri? BaseUri { get; set; }

    /// <summary>
    /// Bytes a writer buffers (pooled) before sending them as one chunk of its resumable upload: a multiple of 256 KiB.
    /// Memory per active upload.
    /// </summary>
    public int ChunkSize { get; set; } = 16 * 1024 * 1024;

    /// <summary>Send blob GETs to V4 signed URLs on the bucket instead of streaming them through the registry.</summary>
    public bool RedirectGets { get; set; }

    public TimeSpan SignedUrlExpiry { get; set; } = TimeSpan.FromMinutes(20);
}
