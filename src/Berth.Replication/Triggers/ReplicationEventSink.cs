using System.Threading.Channels;
using Berth.Registry.Events;
using Microsoft.Extensions.Logging;

namespace Berth.Replication.Triggers;

/// <summary>
/// The registry's manifest events (push, tag, delete), handed on the request's path to a bounded queue that
/// <see cref="ReplicationEventWorker"/> matches with the event-triggered rules. A full queue drops the event with a
/// warning: the push succeeded, and a manual run of the rule catches up.
/// </summary>
internal sealed class ReplicationEventSink(ILogger<ReplicationEventSink> logger) : IRegistryEventSink
{
    public const int Capacity = 10_000;
    private readonly Channel<RegistryEvent> _events = Channel.CreateBounded<RegistryEvent>(new BoundedChannelOptions(Capacity) { SingleReader = true });

    public ChannelReader<RegistryEvent> Reader => _events.Reader;

    public void Publish(RegistryEvent registryEvent)
    {
        ArgumentNullException.ThrowIfNull(registryEvent);
        if (!registryEvent.IsManifest || registryEvent.Action is not (RegistryEventAction.Push or RegistryEventAction.Delete))
        {
            return;
        }

        if (!_events.Writer.TryWrite(registryEvent))
        {
            Log.EventDropped(logger, registryEvent.Repository);
        }
    }
}
