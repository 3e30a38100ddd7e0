using System.ComponentModel.DataAnnotations;

namespace Berth.Hosting;

/// <summary>Server-wide settings (section "Berth").</summary>
public sealed class BerthOptions
{
    public const string SectionName = "Berth";

    /// <summary>host:port to listen on; port 0 picks a free port.</summary>
    [Required]
    public string Listen { get; set; } = "127.0.0.1:5000";

    /// <summary>
    /// host:port of a second listener that serves only Prometheus text at /metrics (and /healthz); unset, /metrics is
    /// not served. Keep it off the public network: scrape each node there, not through the load balancer.
    /// </summary>
    public string? MetricsListen { get; set; }

    /// <summary>
    /// With Auth:Mode=None, run the index too (web UI, /api/v1, /v1/search) with anonymous full access, as an open
    /// registry is open to everyone anyway. False leaves a bare registry.
    /// </summary>
    public bool OpenIndex { get; set; } = true;

    /// <summary>Where the embedded defaults keep their data: the filesystem store, the index database, the signing keys.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>Run the registry and the index together (All), or one of them; a lone registry needs Auth:IndexUrl.</summary>
    public BerthRole Role { get; set; } = BerthRole.All;

    /// <summary>
    /// On stop (SIGTERM), how long the node keeps serving after /healthz/ready turned 503, so the load balancer stops
    /// sending it new requests before it stops accepting connections.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan DrainDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>After the drain, how long in-flight requests may take to finish before they are aborted.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The largest request body accepted outside the registry API (/api/v1, /token, admin, web forms); larger ones are
    /// answered 413. Blob uploads under /v2 are never bounded, manifests have their own 4 MiB limit.
    /// </summary>
    [Range(1024, 64L * 1024 * 1024)]
    public long MaxApiBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Run request code on Kestrel's socket I/O threads (Kestrel's UnsafePreferInlineScheduling) instead of the thread
    /// pool. Off by default: request code still makes blocking calls (fsync, file moves, bcrypt at login), and inline,
    /// one of them stalls every connection sharing that I/O thread. Measured in docs/performance.md.
    /// </summary>
    public bool InlineScheduling { get; set; }
}
