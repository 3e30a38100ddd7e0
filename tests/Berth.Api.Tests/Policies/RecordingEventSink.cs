using System.Collections.Concurrent;
using Berth.Registry.Events;

namespace Berth.Api.Tests.Policies;

/// <summary>Keeps every registry event the server publishes.</summary>
public sealed class RecordingEventSink : IRegistryEventSink
{
    private readonly ConcurrentQueue<RegistryEvent> _events = new();

    public IReadOnlyList<RegistryEvent> Events => [.. _events];

    public void Publish(RegistryEvent registryEvent) => _events.Enqueue(registryEvent);
}
