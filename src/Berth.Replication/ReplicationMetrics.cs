using System.Diagnostics.Metrics;
using Berth.Client.Copy;

namespace Berth.Replication;

/// <summary>Replication's instruments (meter Berth.Replication): executions by outcome, bytes and blobs copied, durations.</summary>
internal sealed class ReplicationMetrics
{
    public const string MeterName = "Berth.Replication";
    private readonly Counter<long> _executions;
    private readonly Counter<long> _bytes;
    private readonly Counter<long> _blobs;
    private readonly Histogram<double> _duration;

    public ReplicationMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _executions = meter.CreateCounter<long>("berth.replication.executions", "{execution}", "Execution attempts by outcome: started, succeeded, retried (failed, queued again), failed (for good).");
        _bytes = meter.CreateCounter<long>("berth.replication.bytes", "By", "Blob bytes read from the source.");
        _blobs = meter.CreateCounter<long>("berth.replication.blobs", "{blob}", "Blobs by how they reached the destination: copied, skipped, mounted.");
        _duration = meter.CreateHistogram<double>("berth.replication.duration", "s", "Duration of one attempt of an execution.");
    }

    public void Execution(string rule, string outcome) => _executions.Add(1, Rule(rule), new("outcome", outcome));

    public void Bytes(string rule, long bytes) => _bytes.Add(bytes, Rule(rule));

    public void Blob(string rule, BlobOutcome outcome) => _blobs.Add(1, Rule(rule), new("outcome", outcome.ToString().ToLowerInvariant()));

    public void Duration(string rule, string outcome, TimeSpan elapsed) => _duration.Record(elapsed.TotalSeconds, Rule(rule), new("outcome", outcome));

    private static KeyValuePair<string, object?> Rule(string rule) => new("rule", rule);
}
