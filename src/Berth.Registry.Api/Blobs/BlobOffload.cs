using Berth.Registry.Blobs;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Berth.Registry.Api.Blobs;

/// <summary>Hands a file-backed blob GET to the fronting nginx with X-Accel-Redirect when so configured.</summary>
internal sealed class BlobOffload(IOptions<BlobOffloadOptions> options, BlobStore blobs)
{
    private readonly bool _enabled = options.Value.Mode == "XAccelRedirect";
    private readonly string _prefix = options.Value.InternalLocation.TrimEnd('/');

    /// <summary>
    /// True when the response now tells nginx which file to send; nginx answers satisfiable ranges itself (an
    /// unsatisfiable one was refused before). nginx keeps a few headers of this answer (Content-Type, Cache-Control,
    /// Accept-Ranges); the others (Docker-Content-Digest, ETag, Docker-Distribution-API-Version) reach the client because
    /// nginx's internal location adds them (docs/deployment.md, "Blob offload").
    /// </summary>
    public bool TryOffload(HttpResponse response, BlobInfo blob)
    {
        if (!_enabled || blobs.GetLocalPath(blob) is null)
        {
            return false;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.Headers["X-Accel-Redirect"] = _prefix + blob.StoragePath;

        // nginx keeps this header and adds its own when it sends the file: the client would get it twice.
        response.Headers.Remove(HeaderNames.AcceptRanges);
        response.ContentLength = 0;
        return true;
    }
}
