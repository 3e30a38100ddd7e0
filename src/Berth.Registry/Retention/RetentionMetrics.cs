using System.Diagnostics.Metrics;

namespace Berth.Registry.Retention;

/// <summary>Instruments of retention runs (meter "Berth.Retention").</summary>
public sealed class RetentionMetrics
{
    public const string MeterName = "Berth.Retention";

    private readonly Counter<long> _runs;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _tagsScanned;
    private readonly Counter<long> _tagsDeleted;

    public RetentionMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _runs = meter.CreateCounter<long>("berth.retention.runs", "{run}", "Retention runs by outcome (completed, failed) and dry_run.");
        _duration = meter.CreateHistogram<double>("berth.retention.duration", "s", "Duration of completed retention runs.");
        _tagsScanned = meter.CreateCounter<long>("berth.retention.tags_scanned", "{tag}", "Tags retention runs examined.");
        _tagsDeleted = meter.CreateCounter<long>("berth.retention.tags_deleted", "{tag}", "Tags removed by retention.");
    }

    public void Run(string outcome, bool dryRun) =>
        _runs.Add(1, new KeyValuePair<string, object?>("outcome", outcome), new KeyValuePair<string, object?>("dry_run", dryRun));

    public void Completed(RetentionReport report)
    {
        _duration.Record(report.Duration.TotalSeconds, new KeyValuePair<string, object?>("dry_run", report.DryRun));
        _tagsScanned.Add(report.TagsScanned, new KeyValuePair<string, object?>("dry_run", report.DryRun));
        if (!report.DryRun)
        {
            _tagsDeleted.Add(report.Removed.Count);
        }
    }
}
