using System.Diagnostics.Metrics;

namespace Berth.Registry.Notifications;

/// <summary>Instruments of webhook delivery (meter "Berth.Notifications"), each tagged with the endpoint's name.</summary>
internal sealed class NotificationMetrics
{
    public const string MeterName = "Berth.Notifications";

    private readonly Meter _meter;
    private readonly Counter<long> _sent;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _retried;
    private readonly Counter<long> _dropped;

    public NotificationMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _sent = _meter.CreateCounter<long>("berth.notifications.sent", "{event}", "Events delivered (the endpoint answered 2xx).");
        _failed = _meter.CreateCounter<long>("berth.notifications.failed", "{request}", "Deliveries that failed, by reason (status, timeout, error).");
        _retried = _meter.CreateCounter<long>("berth.notifications.retried", "{request}", "Deliveries tried again after a failure.");
        _dropped = _meter.CreateCounter<long>(
            "berth.notifications.dropped", "{event}", "Events given up, by reason (queue_full, max_attempts, memory_full, write_failed, read_failed, stopped).");
    }

    public void Sent(string endpoint, int events) => _sent.Add(events, Tag(endpoint));

    public void Failed(string endpoint, string reason) => _failed.Add(1, Tag(endpoint), new KeyValuePair<string, object?>("reason", reason));

    public void Retried(string endpoint) => _retried.Add(1, Tag(endpoint));

    public void Dropped(string endpoint, int events, string reason) =>
        _dropped.Add(events, Tag(endpoint), new KeyValuePair<string, object?>("reason", reason));

    /// <summary>Publishes berth.notifications.queued: events waiting on disk per endpoint.</summary>
    public void ObserveQueues(Func<IEnumerable<(string Endpoint, long Events)>> observe) =>
        _meter.CreateObservableGauge(
            "berth.notifications.queued",
            () => observe().Select(q => new Measurement<long>(q.Events, Tag(q.Endpoint))),
            "{event}",
            "Events waiting on disk to be delivered.");

    private static KeyValuePair<string, object?> Tag(string endpoint) => new("endpoint", endpoint);
}
