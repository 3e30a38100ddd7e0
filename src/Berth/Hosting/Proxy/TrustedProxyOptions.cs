using System.ComponentModel.DataAnnotations;

namespace Berth.Hosting.Proxy;

/// <summary>
/// Reverse proxies whose X-Forwarded-For and X-Forwarded-Proto Berth believes (section "Proxy"). Empty by default:
/// then the headers are ignored and the client is the connection's peer, so nobody can spoof an address or a scheme.
/// </summary>
public sealed class TrustedProxyOptions
{
    public const string SectionName = "Proxy";

    /// <summary>Addresses of trusted proxies, e.g. "10.0.0.5" or "::1".</summary>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>Networks of trusted proxies in CIDR notation, e.g. "10.0.0.0/24".</summary>
    public IList<string> KnownNetworks { get; } = [];

    /// <summary>
    /// How many proxies in a row may each have appended to X-Forwarded-For: 1 for one nginx in front; 2 when a CDN or
    /// a second balancer stands before it (then both must be known).
    /// </summary>
    [Range(1, 10)]
    public int ForwardLimit { get; set; } = 1;

    public bool IsEnabled => KnownProxies.Count > 0 || KnownNetworks.Count > 0;
}
