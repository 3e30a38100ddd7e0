using System.ComponentModel.DataAnnotations;

namespace Berth.Registry.Notifications;

/// <summary>
/// Section "IndexEvents": a registry running apart from its index (role registry) sends its manifest events to the
/// index through the notification queue, signed with the secret the index has for it (berth registry add).
/// </summary>
public sealed class IndexEventsOptions
{
    public const string SectionName = "IndexEvents";

    /// <summary>The name this registry is registered under at the index; defaults to Auth:Service.</summary>
    [RegularExpression("^[a-z0-9]+(?:[._-][a-z0-9]+)*$")]
    [MaxLength(64)]
    public string? Name { get; set; }

    /// <summary>Key of the batches' HMAC-SHA256; no events are sent without it.</summary>
    [MinLength(16)]
    public string? Secret { get; set; }

    /// <summary>Events per request; a busy registry sends fewer, larger requests.</summary>
    [Range(1, 1000)]
    public int MaxEventsPerRequest { get; set; } = 200;

    /// <summary>Envelopes kept on disk while the index is down.</summary>
    [Range(1, 10_000_000)]
    public int MaxQueued { get; set; } = 1_000_000;

    /// <summary>The longest wait between two attempts while the index does not answer; attempts never stop.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The largest manifest a push event carries to the index, with its image config's details (created, platform,
    /// labels) when they fit in as much again, so that the index shows the push without reading anything back from
    /// this registry. Larger ones, and every push with 0, are read by the index through /v2, as before these details
    /// were sent; an index that does not know them reads too.
    /// </summary>
    [Range(0, 64 * 1024)]
    public int MaxCarriedBytes { get; set; } = 16 * 1024;

    /// <summary>
    /// The subject of the tokens the index reads this registry with. Its reads are not pulls anyone made, so they are
    /// not queued for the index: under many pushes they were most of what the registry sent it.
    /// </summary>
    public const string IndexActor = "berth:index";

    /// <summary>The header naming the sending registry, so the index checks the signature with that registry's secret.</summary>
    public const string RegistryHeader = "X-Berth-Registry";

    /// <summary>The index's endpoint, relative to its base URL.</summary>
    public const string Path = "api/v1/registry-events";

    /// <summary>
    /// The notification endpoint that delivers to the index: batched, retried until the index answers, blob events
    /// left out (nothing the index shows depends on them), order kept by the one queue.
    /// </summary>
    public NotificationEndpointOptions ToEndpoint(Uri indexUrl, string registryName) => new()
    {
        Name = "index",
        Url = new Uri(indexUrl, Path).ToString(),
        Secret = Secret,
        Headers = new(StringComparer.OrdinalIgnoreCase) { [RegistryHeader] = Name ?? registryName },
        MaxEventsPerRequest = MaxEventsPerRequest,
        MaxQueued = MaxQueued,
        MaxAttempts = int.MaxValue,
        Timeout = TimeSpan.FromSeconds(30),
        MaxBackoff = MaxBackoff,
        IgnoredMediaTypes = ["application/octet-stream"],
        IgnoredPullActors = [IndexActor],
        MaxCarriedBytes = MaxCarriedBytes,
    };
}
