namespace Berth.Client.Copy;

/// <summary>Why a copy failed; each kind maps to one documented exit code of berth copy.</summary>
public enum CopyFailure
{
    /// <summary>The registry or network failed (after retries): exit 1.</summary>
    Transfer = 1,

    /// <summary>A reference or option could not be parsed: exit 2.</summary>
    Usage = 2,

    /// <summary>The source image, tag or platform does not exist: exit 3.</summary>
    NotFound = 3,

    /// <summary>Credentials missing or refused: exit 4.</summary>
    Unauthorized = 4,

    /// <summary>Bytes did not match their digest: exit 5.</summary>
    DigestMismatch = 5,

    /// <summary>Something the source holds that this copy cannot write (a media type, a digest algorithm): exit 6.</summary>
    Unsupported = 6,
}
