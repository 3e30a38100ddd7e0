namespace Berth.Registry.Events;

/// <summary>
/// Receives every registry event after the action succeeded. Called on the request's path: a sink hands the event
/// to its own queue and returns; it never does I/O inline and never throws for a failed delivery.
/// </summary>
public interface IRegistryEventSink
{
    void Publish(RegistryEvent registryEvent);

    /// <summary>
    /// The largest manifest this sink passes on with a push (<see cref="RegistryEvent.ManifestContent"/>); 0, the
    /// default, for none. Pushes carry their manifest only when a sink wants it, so no one else holds the bytes.
    /// </summary>
    int MaxCarriedManifestBytes => 0;
}
