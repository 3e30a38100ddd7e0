namespace Berth.Registry.Notifications;

/// <summary>One webhook receiver, named like distribution's <c>notifications.endpoints</c> entries.</summary>
public sealed class NotificationEndpointOptions
{
    /// <summary>Names the endpoint in logs and metrics and its queue's folder: letters, digits, '.', '_' and '-'.</summary>
    public string Name { get; set; } = "";

    /// <summary>Absolute http or https URL the envelopes are POSTed to.</summary>
    public string Url { get; set; } = "";

    /// <summary>A disabled endpoint is validated but gets no events and keeps no queue.</summary>
    public bool Disabled { get; set; }

    /// <summary>Extra request headers, such as Authorization.</summary>
    public Dictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long one delivery may take before it counts as failed and is retried.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Wait before the first retry; it doubles with every further failure up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan Backoff { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Deliveries tried for one envelope before it is dropped (with an error log and a metric).</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>Envelopes kept on disk for this endpoint; past it the oldest is dropped so pushes never wait.</summary>
    public int MaxQueued { get; set; } = 10_000;

    /// <summary>Events per request. Distribution sends one; receivers read the "events" array, so more is allowed.</summary>
    public int MaxEventsPerRequest { get; set; } = 1;

    /// <summary>Target media types never sent to this endpoint (distribution's <c>ignoredmediatypes</c>).</summary>
    public List<string> IgnoredMediaTypes { get; set; } = [];

    public NotificationIgnoreOptions Ignore { get; set; } = new();

    /// <summary>Actors whose pulls are never sent to this endpoint (for the index: its own manifest reads).</summary>
    public List<string> IgnoredPullActors { get; set; } = [];

    /// <summary>Key of the HMAC-SHA256 signature of each body, sent as <c>X-Berth-Signature: sha256=&lt;hex&gt;</c>; none when unset.</summary>
    public string? Secret { get; set; }

    /// <summary>
    /// The largest manifest a push event carries in the envelope (its bytes, and its image config's details when they
    /// fit as well); 0 for none. Set by <see cref="IndexEventsOptions.ToEndpoint"/> for the index, never bound from
    /// configuration: webhook receivers get distribution's envelope.
    /// </summary>
    internal int MaxCarriedBytes { get; init; }
}
