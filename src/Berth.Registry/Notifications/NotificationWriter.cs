using Berth.Registry.Events;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Berth.Registry.Notifications;

/// <summary>
/// Moves events from memory to each endpoint's queue on disk, packing up to the endpoint's MaxEventsPerRequest into
/// one envelope. At shutdown it stops taking events and writes every one it holds before it returns.
/// </summary>
internal sealed class NotificationWriter(
    NotificationSink sink,
    NotificationEndpoints endpoints,
    NotificationSource source,
    NotificationMetrics metrics,
    PushedConfigReader configs,
    ILogger<NotificationWriter> logger) : BackgroundService
{
    private const int MaxBatch = 1000;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        sink.Complete();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var endpoint in endpoints.All)
        {
            if (endpoint.Queue.EventCount > 0)
            {
                Log.Resumed(logger, endpoint.Name, endpoint.Url, endpoint.Queue.EventCount);
            }
        }

        // Not stoppingToken: the loop ends when the sink is completed and drained, so nothing held in memory is lost.
        var batch = new List<RegistryEvent>();
        while (await sink.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < MaxBatch && sink.Reader.TryRead(out var registryEvent))
            {
                batch.Add(registryEvent);
            }

            var events = endpoints.MaxCarriedBytes > 0 ? await configs.AddConfigsAsync(batch, CancellationToken.None) : batch;
            foreach (var endpoint in endpoints.All)
            {
                await PersistAsync(endpoint, events);
            }

            batch.Clear();
        }
    }

    private async Task PersistAsync(NotificationEndpoint endpoint, IReadOnlyList<RegistryEvent> batch)
    {
        var options = endpoint.Options;
        foreach (var chunk in batch.Where(endpoint.Wants).Chunk(options.MaxEventsPerRequest))
        {
            // The deliverer sends envelopes together up to MaxEventsPerRequest events: a share of the request's budget
            // per event keeps any such request within it.
            var budget = (long)NotificationEnvelope.MaxCarriedBytesPerRequest * chunk.Length / options.MaxEventsPerRequest;
            try
            {
                var body = NotificationEnvelope.Write(chunk, source, options.MaxCarriedBytes, budget);
                var dropped = await endpoint.Queue.AppendAsync(body, chunk.Length, CancellationToken.None);
                foreach (var envelope in dropped)
                {
                    Log.QueueFull(logger, endpoint.Name, endpoint.Queue.Capacity, envelope.EventCount);
                    metrics.Dropped(endpoint.Name, envelope.EventCount, "queue_full");
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                Log.WriteFailed(logger, exception, endpoint.Name, chunk.Length);
                metrics.Dropped(endpoint.Name, chunk.Length, "write_failed");
            }
        }
    }
}
