using System.Threading.Channels;
using Berth.Registry.Events;
using Microsoft.Extensions.Logging;

namespace Berth.Registry.Notifications;

/// <summary>
/// Takes the registry's events on the request path into a bounded in-memory queue that <see cref="NotificationWriter"/>
/// persists; never waits and never does I/O. When the writer falls behind by <see cref="Capacity"/> events the oldest
/// in memory is dropped, counted and logged.
/// </summary>
internal sealed class NotificationSink : IRegistryEventSink
{
    public const int Capacity = 10_000;

    private readonly NotificationEndpoints _endpoints;
    private readonly NotificationMetrics _metrics;
    private readonly ILogger<NotificationSink> _logger;
    private readonly Channel<RegistryEvent> _channel;

    public NotificationSink(NotificationEndpoints endpoints, NotificationMetrics metrics, ILogger<NotificationSink> logger)
    {
        _endpoints = endpoints;
        _metrics = metrics;
        _logger = logger;
        _channel = Channel.CreateBounded<RegistryEvent>(
            new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest },
            dropped =>
            {
                Log.MemoryFull(_logger, ActionName(dropped), dropped.Repository);
                CountDropped(dropped, "memory_full");
            });
    }

    internal ChannelReader<RegistryEvent> Reader => _channel.Reader;

    public int MaxCarriedManifestBytes => _endpoints.MaxCarriedBytes;

    public void Publish(RegistryEvent registryEvent)
    {
        if (!_endpoints.All.Any(e => e.Wants(registryEvent)))
        {
            return;
        }

        if (!_channel.Writer.TryWrite(registryEvent))
        {
            Log.Stopped(_logger, ActionName(registryEvent), registryEvent.Repository);
            CountDropped(registryEvent, "stopped");
        }
    }

    /// <summary>No more events are taken; the writer drains what is queued and ends.</summary>
    internal void Complete() => _channel.Writer.TryComplete();

    private static string ActionName(RegistryEvent registryEvent) => registryEvent.Action.ToString().ToLowerInvariant();

    private void CountDropped(RegistryEvent registryEvent, string reason)
    {
        foreach (var endpoint in _endpoints.All.Where(e => e.Wants(registryEvent)))
        {
            _metrics.Dropped(endpoint.Name, 1, reason);
        }
    }
}
