using Berth.Registry.Blobs;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Berth.Registry.Api.Blobs;

/// <summary>Hands a file-backed blob GET to the fronting nginx with X-Accel-Redirect when so configured.</summary>
internal sealed class BlobOffload(IOptions<BlobOffloadOptions> options, BlobStore blobs)
{
    private readonly bool _enabled = options.Value.Mode == "XAccelRedirect";
    private readonly string _prefix = options.Value.InternalLocation.TrimEnd('/');

    /// <summary>True when the response now tells nginx which file to send; nginx answers ranges itself.</summary>
    public bool TryOffload(HttpResponse response, BlobInfo blob)
    {
        if (!_enabled || blobs.GetLocalPath(blob) is null)
        {
            return false;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.Headers["X-Accel-Redirect"] = _prefix + blob.StoragePath;
        response.ContentLength = 0;
        return true;
    }
}
