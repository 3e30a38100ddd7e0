using Microsoft.Extensions.Options;

namespace Berth.Registry.Notifications;

/// <summary>
/// The node that generated an event (distribution's source record): host name and listening port, and an id that
/// changes at every start, so a receiver can tell nodes and restarts apart.
/// </summary>
internal sealed class NotificationSource(IOptions<NotificationOptions> options, IListeningAddress? listening = null)
{
    private string? _address;

    public string InstanceId { get; } = Guid.NewGuid().ToString();

    /// <summary>Resolved on first use, once the server listens and its port (maybe chosen by the OS) is known.</summary>
    public string Address => _address ??= options.Value.SourceAddress ?? Resolve();

    private string Resolve() =>
        listening?.Address is { } uri ? $"{Environment.MachineName}:{uri.Port}" : Environment.MachineName;
}
