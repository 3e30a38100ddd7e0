using System.Collections.Concurrent;
using Berth.Registry.Events;

namespace Berth.Registry.Tests.GarbageCollection;

internal sealed class RecordingSink : IRegistryEventSink
{
    public ConcurrentQueue<RegistryEvent> Events { get; } = new();

    public void Publish(RegistryEvent registryEvent) => Events.Enqueue(registryEvent);
}
