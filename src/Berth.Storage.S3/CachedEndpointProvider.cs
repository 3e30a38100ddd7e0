using System.Collections.Concurrent;
using System.Text;
using Amazon.Runtime.Endpoints;

namespace Berth.Storage.S3;

/// <summary>
/// Resolves each distinct endpoint once. The SDK runs S3's endpoint rules (URL parsing, host label checks, ARN
/// matching) for every request, about a fifth of the SDK's CPU per request in a profile of cold pulls on Ceph RGW
/// (docs/performance.md), though a registry's client always asks for the same bucket on the same endpoint. The
/// object's key (and a listing's prefix, a copy's source) is a parameter of every request but no rule reads it, so the
/// endpoint is cached by the other parameters; <c>S3EndpointCacheTests</c> pins that for the SDK version in use.
/// </summary>
internal sealed class CachedEndpointProvider(IEndpointProvider rules) : IEndpointProvider
{
    /// <summary>S3's endpoint parameters but Key, Prefix and CopySource.</summary>
    private static readonly string[] Deciding =
    [
        "Bucket", "Region", "UseFIPS", "UseDualStack", "Endpoint", "ForcePathStyle", "Accelerate", "UseGlobalEndpoint",
        "UseObjectLambdaEndpoint", "DisableAccessPoints", "DisableMultiRegionAccessPoints", "UseArnRegion",
        "UseS3ExpressControlEndpoint", "DisableS3ExpressSessionAuth",
    ];

    private readonly ConcurrentDictionary<string, Endpoint> _resolved = new(StringComparer.Ordinal);

    public Endpoint ResolveEndpoint(EndpointParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var resolved = _resolved.GetOrAdd(CacheKey(parameters), (_, p) => rules.ResolveEndpoint(p), parameters);
        // A copy: the SDK appends "/" to the URL of the endpoint it is handed for requests without a resource path.
        return new Endpoint(resolved.URL) { Attributes = resolved.Attributes, Headers = resolved.Headers };
    }

    private static string CacheKey(EndpointParameters parameters)
    {
        var key = new StringBuilder();
        foreach (var name in Deciding)
        {
            key.Append(parameters[name]).Append('\n');
        }

        return key.ToString();
    }
}
