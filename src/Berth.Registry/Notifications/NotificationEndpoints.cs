using Microsoft.Extensions.Options;

namespace Berth.Registry.Notifications;

/// <summary>The enabled endpoints with their queues, opened once; disposing releases the queues' locks.</summary>
internal sealed class NotificationEndpoints : IDisposable
{
    public NotificationEndpoints(IOptions<NotificationOptions> options, NotificationMetrics metrics)
    {
        var settings = options.Value;
        var root = settings.QueueDirectory ?? throw new InvalidOperationException("Notifications:QueueDirectory was not set.");
        var endpoints = new List<NotificationEndpoint>();
        try
        {
            foreach (var endpoint in settings.Endpoints.Where(e => !e.Disabled))
            {
                var queue = NotificationQueue.Open(Path.Combine(root, endpoint.Name), endpoint.MaxQueued);
                endpoints.Add(new NotificationEndpoint(endpoint, queue));
            }
        }
        catch
        {
            endpoints.ForEach(e => e.Queue.Dispose());
            throw;
        }

        All = endpoints;
        MaxCarriedBytes = endpoints.Count == 0 ? 0 : endpoints.Max(e => e.Options.MaxCarriedBytes);
        metrics.ObserveQueues(() => All.Select(e => (e.Name, e.Queue.EventCount)));
    }

    public IReadOnlyList<NotificationEndpoint> All { get; }

    /// <summary>The largest manifest any endpoint carries with a push; 0 when none carries them.</summary>
    public int MaxCarriedBytes { get; }

    public void Dispose()
    {
        foreach (var endpoint in All)
        {
            endpoint.Queue.Dispose();
        }
    }
}
