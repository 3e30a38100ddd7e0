using Berth.Registry.Content;
using Microsoft.Extensions.Primitives;

namespace Berth.Registry.Api.Manifests;

/// <summary>
/// Whether a client's Accept header lets us serve a manifest of a given media type. The stored bytes are always served
/// unchanged (no conversion): a request without Accept, with a wildcard (*/*, application/*) or listing the type gets
/// it; a request whose Accept lists only other types gets 404 MANIFEST_UNKNOWN, as distribution answers a client that
/// cannot read OCI manifests.
/// </summary>
internal static class AcceptNegotiation
{
    public static bool Accepts(StringValues accept, string mediaType)
    {
        var any = false;
        foreach (var header in accept)
        {
            if (string.IsNullOrWhiteSpace(header))
            {
                continue;
            }

            foreach (var part in header.Split(','))
            {
                var type = MediaTypes.Normalize(part);
                if (type is null)
                {
                    continue;
                }

                any = true;
                if (type == mediaType || type == "*/*" || type == "application/*")
                {
                    return true;
                }
            }
        }

        return !any;
    }
}
