namespace Berth.Registry.Events;

/// <summary>What happened to a target; the names are those of distribution's notification envelope.</summary>
public enum RegistryEventAction
{
    Push,
    Pull,
    Mount,
    Delete,
}
