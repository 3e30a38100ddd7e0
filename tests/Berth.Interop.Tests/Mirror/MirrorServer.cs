using Berth.Registry.Blobs;
using Berth.Registry.Content;
using Berth.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Interop.Tests.Mirror;

/// <summary>Starts Berth in mirror mode in front of an upstream, and looks into what it cached.</summary>
public static class MirrorServer
{
    public static Task<BerthTestServer> StartAsync(Uri upstream, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Mirror:Upstream"] = upstream.ToString(),
            ["Mirror:TagTtl"] = "00:05:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return BerthTestServer.StartAsync(all);
    }

    /// <summary>Whether the mirror holds the blob's content (in any repository).</summary>
    public static Task<bool> HoldsAsync(this BerthTestServer mirror, string digest) =>
        mirror.Services.GetRequiredService<BlobStore>().ExistsAsync(Digest.Parse(digest), default);
}
