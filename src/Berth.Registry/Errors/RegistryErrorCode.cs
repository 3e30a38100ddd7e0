namespace Berth.Registry;

/// <summary>The error codes of the OCI distribution spec (and Docker's extras), each with its HTTP status.</summary>
public sealed class RegistryErrorCode
{
    public static readonly RegistryErrorCode BlobUnknown = new("BLOB_UNKNOWN", 404, "blob unknown to registry");
    public static readonly RegistryErrorCode BlobUploadInvalid = new("BLOB_UPLOAD_INVALID", 400, "blob upload invalid");
    public static readonly RegistryErrorCode BlobUploadUnknown = new("BLOB_UPLOAD_UNKNOWN", 404, "blob upload unknown to registry");
    public static readonly RegistryErrorCode DigestInvalid = new("DIGEST_INVALID", 400, "provided digest did not match uploaded content");
    public static readonly RegistryErrorCode ManifestBlobUnknown = new("MANIFEST_BLOB_UNKNOWN", 404, "manifest references a manifest or blob unknown to registry");
    public static readonly RegistryErrorCode ManifestInvalid = new("MANIFEST_INVALID", 400, "manifest invalid");
    public static readonly RegistryErrorCode ManifestUnknown = new("MANIFEST_UNKNOWN", 404, "manifest unknown to registry");
    public static readonly RegistryErrorCode NameInvalid = new("NAME_INVALID", 400, "invalid repository name");
    public static readonly RegistryErrorCode NameUnknown = new("NAME_UNKNOWN", 404, "repository name not known to registry");
    public static readonly RegistryErrorCode SizeInvalid = new("SIZE_INVALID", 400, "provided length did not match content length");
    public static readonly RegistryErrorCode Unauthorized = new("UNAUTHORIZED", 401, "authentication required");
    public static readonly RegistryErrorCode Denied = new("DENIED", 403, "requested access to the resource is denied");
    public static readonly RegistryErrorCode Unsupported = new("UNSUPPORTED", 405, "the operation is unsupported");
    public static readonly RegistryErrorCode TooManyRequests = new("TOOMANYREQUESTS", 429, "too many requests");
    public static readonly RegistryErrorCode RangeInvalid = new("RANGE_INVALID", 416, "invalid content range");
    public static readonly RegistryErrorCode TagInvalid = new("TAG_INVALID", 400, "manifest tag did not match URI");
    public static readonly RegistryErrorCode PaginationNumberInvalid = new("PAGINATION_NUMBER_INVALID", 400, "invalid number of results requested");
    public static readonly RegistryErrorCode Unavailable = new("UNAVAILABLE", 503, "service unavailable");
    public static readonly RegistryErrorCode Unknown = new("UNKNOWN", 500, "unknown error");

    private RegistryErrorCode(string code, int status, string message)
    {
        Code = code;
        Status = status;
        Message = message;
    }

    /// <summary>The code as it appears in the JSON error body.</summary>
    public string Code { get; }

    public int Status { get; }

    /// <summary>The spec's generic message, used when no more specific one is given.</summary>
    public string Message { get; }

    public override string ToString() => Code;
}
