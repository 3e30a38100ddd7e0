namespace Berth.Registry.Notifications;

/// <summary>
/// Section "Notifications": webhook endpoints that receive the registry's events in distribution's envelope
/// (docs/notifications.md). Validated at start by <see cref="NotificationOptionsValidator"/>.
/// </summary>
internal sealed class NotificationOptions
{
    public const string SectionName = "Notifications";

    public List<NotificationEndpointOptions> Endpoints { get; set; } = [];

    /// <summary>Where each endpoint's persistent queue lives; defaults to &lt;Berth:DataDirectory&gt;/notifications.</summary>
    public string? QueueDirectory { get; set; }

    /// <summary>The event's source.addr; defaults to this machine's host name and the port the server listens on.</summary>
    public string? SourceAddress { get; set; }
}
