namespace Berth.Registry;

/// <summary>The error codes of the OCI distribution spec (and Docker's extras); Berth.Registry.Api gives each its HTTP status.</summary>
public sealed class RegistryErrorCode
{
    public static readonly RegistryErrorCode BlobUnknown = new("BLOB_UNKNOWN", "blob unknown to registry");
    public static readonly RegistryErrorCode BlobUploadInvalid = new("BLOB_UPLOAD_INVALID", "blob upload invalid");
    public static readonly RegistryErrorCode BlobUploadUnknown = new("BLOB_UPLOAD_UNKNOWN", "blob upload unknown to registry");
    public static readonly RegistryErrorCode DigestInvalid = new("DIGEST_INVALID", "provided digest did not match uploaded content");
    public static readonly RegistryErrorCode ManifestBlobUnknown = new("MANIFEST_BLOB_UNKNOWN", "manifest references a manifest or blob unknown to registry");
    public static readonly RegistryErrorCode ManifestInvalid = new("MANIFEST_INVALID", "manifest invalid");
    public static readonly RegistryErrorCode ManifestUnknown = new("MANIFEST_UNKNOWN", "manifest unknown to registry");
    public static readonly RegistryErrorCode NameInvalid = new("NAME_INVALID", "invalid repository name");
    public static readonly RegistryErrorCode NameUnknown = new("NAME_UNKNOWN", "repository name not known to registry");
    public static readonly RegistryErrorCode SizeInvalid = new("SIZE_INVALID", "provided length did not match content length");
    public static readonly RegistryErrorCode Unauthorized = new("UNAUTHORIZED", "authentication required");
    public static readonly RegistryErrorCode Denied = new("DENIED", "requested access to the resource is denied");
    public static readonly RegistryErrorCode Unsupported = new("UNSUPPORTED", "the operation is unsupported");
    public static readonly RegistryErrorCode TooManyRequests = new("TOOMANYREQUESTS", "too many requests");
    public static readonly RegistryErrorCode RangeInvalid = new("RANGE_INVALID", "invalid content range");
    public static readonly RegistryErrorCode TagInvalid = new("TAG_INVALID", "manifest tag did not match URI");
    public static readonly RegistryErrorCode PaginationNumberInvalid = new("PAGINATION_NUMBER_INVALID", "invalid number of results requested");
    public static readonly RegistryErrorCode Unavailable = new("UNAVAILABLE", "service unavailable");
    public static readonly RegistryErrorCode Unknown = new("UNKNOWN", "unknown error");

    private RegistryErrorCode(string code, string message)
    {
        Code = code;
        Message = message;
    }

    /// <summary>The code as it appears in the JSON error body.</summary>
    public string Code { get; }

    /// <summary>The spec's generic message, used when no more specific one is given.</summary>
    public string Message { get; }

    public override string ToString() => Code;
}
