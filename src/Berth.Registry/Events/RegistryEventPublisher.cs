using Microsoft.Extensions.Logging;

namespace Berth.Registry.Events;

/// <summary>Fans an event out to every registered sink; a faulty sink is logged and never fails the request.</summary>
public sealed class RegistryEventPublisher(IEnumerable<IRegistryEventSink> sinks, ILogger<RegistryEventPublisher> logger)
{
    private readonly IRegistryEventSink[] _sinks = [.. sinks];

    /// <summary>False when nobody listens, so callers can skip building the event.</summary>
    public bool HasSinks => _sinks.Length > 0;

    /// <summary>The largest manifest a push event carries: the most any sink passes on.</summary>
    public int MaxCarriedManifestBytes => _sinks.Length == 0 ? 0 : _sinks.Max(s => s.MaxCarriedManifestBytes);

    public void Publish(RegistryEvent registryEvent)
    {
        foreach (var sink in _sinks)
        {
            try
            {
                sink.Publish(registryEvent);
            }
#pragma warning disable CA1031 // One sink's bug must not fail a push that already succeeded.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                Log.SinkFailed(logger, exception, sink.GetType().Name, registryEvent.Action, registryEvent.Repository);
            }
        }
    }
}
