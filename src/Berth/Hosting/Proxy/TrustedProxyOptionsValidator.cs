using System.Net;
using Microsoft.Extensions.Options;

namespace Berth.Hosting.Proxy;

/// <summary>Every trusted proxy must be an IP address and every network a CIDR range: a typo must not start a server that trusts nobody, or everybody.</summary>
internal sealed class TrustedProxyOptionsValidator : IValidateOptions<TrustedProxyOptions>
{
    public ValidateOptionsResult Validate(string? name, TrustedProxyOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.KnownProxies.Count; i++)
        {
            if (!IPAddress.TryParse(options.KnownProxies[i], out _))
            {
                failures.Add($"{TrustedProxyOptions.SectionName}:KnownProxies:{i} '{options.KnownProxies[i]}' is not an IP address.");
            }
        }

        for (var i = 0; i < options.KnownNetworks.Count; i++)
        {
            if (!IPNetwork.TryParse(options.KnownNetworks[i], out _))
            {
                failures.Add($"{TrustedProxyOptions.SectionName}:KnownNetworks:{i} '{options.KnownNetworks[i]}' is not a network in CIDR notation (e.g. 10.0.0.0/24).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
