namespace Berth.Registry.Notifications;

/// <summary>
/// Where this node's web server listens, once it does; implemented by the HTTP layer so the domain needs no server
/// types. Null before the server listens, or in a process without one (a CLI command).
/// </summary>
public interface IListeningAddress
{
    Uri? Address { get; }
}
