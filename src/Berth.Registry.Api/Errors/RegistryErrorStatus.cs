using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;

namespace Berth.Registry.Api.Errors;

/// <summary>The HTTP status of each registry error: the spec's table, kept here so the domain knows nothing of HTTP.</summary>
internal static class RegistryErrorStatus
{
    private static readonly FrozenDictionary<RegistryErrorCode, int> ByCode = new Dictionary<RegistryErrorCode, int>
    {
        [RegistryErrorCode.BlobUnknown] = StatusCodes.Status404NotFound,
        [RegistryErrorCode.BlobUploadInvalid] = StatusCodes.Status400BadRequest,
        [RegistryErrorCode.BlobUploadUnknown] = StatusCodes.Status404NotFound,
        [RegistryErrorCode.DigestInvalid] = StatusCodes.Status400BadRequest,
        [RegistryErrorCode.ManifestBlobUnknown] = StatusCodes.Status404NotFound,
        [RegistryErrorCode.ManifestInvalid] = StatusCodes.Status400BadRequest,
        [RegistryErrorCode.ManifestUnknown] = StatusCodes.Status404NotFound,
        [RegistryErrorCode.NameInvalid] = StatusCodes.Status400BadRequest,
        [RegistryErrorCode.NameUnknown] = StatusCodes.Status404NotFound,
        [RegistryErrorCode.SizeInvalid] = StatusCodes.Status400BadRequest,
        [RegistryErrorCode.Unauthorized] = StatusCodes.Status401Unauthorized,
        [RegistryErrorCode.Denied] = StatusCodes.Status403Forbidden,
        [RegistryErrorCode.Unsupported] = StatusCodes.Status405MethodNotAllowed,
        [RegistryErrorCode.TooManyRequests] = StatusCodes.Status429TooManyRequests,
        [RegistryErrorCode.RangeInvalid] = StatusCodes.Status416RangeNotSatisfiable,
        [RegistryErrorCode.TagInvalid] = StatusCodes.Status400BadRequest,
        [RegistryErrorCode.PaginationNumberInvalid] = StatusCodes.Status400BadRequest,
        [RegistryErrorCode.Unavailable] = StatusCodes.Status503ServiceUnavailable,
        [RegistryErrorCode.Unknown] = StatusCodes.Status500InternalServerError,
    }.ToFrozenDictionary();

    public static int Of(RegistryException error) =>
        error.ExceedsLimit ? StatusCodes.Status413PayloadTooLarge : Of(error.Code);

    private static int Of(RegistryErrorCode code) =>
        ByCode.TryGetValue(code, out var status) ? status : StatusCodes.Status500InternalServerError;
}
