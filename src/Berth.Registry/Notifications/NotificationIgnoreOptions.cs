namespace Berth.Registry.Notifications;

/// <summary>Events an endpoint does not want, as distribution's <c>ignore</c> block.</summary>
public sealed class NotificationIgnoreOptions
{
    public List<string> MediaTypes { get; set; } = [];

    /// <summary>Any of push, pull, mount, delete.</summary>
    public List<string> Actions { get; set; } = [];
}
