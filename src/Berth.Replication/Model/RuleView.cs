using Berth.Index.Data.Replication;

namespace Berth.Replication.Model;

/// <summary>A rule as shown to administrators.</summary>
public sealed record RuleView(
    string Name,
    string Target,
    ReplicationDirection Direction,
    string RepositoryFilter,
    string TagFilter,
    ReplicationContentKinds ContentKinds,
    bool Referrers,
    string? DestinationNamespace,
    ReplicationTrigger Trigger,
    string? Schedule,
    DateTime? NextRunAt,
    bool PropagateDeletes,
    long? BandwidthLimit,
    int Concurrency,
    bool Enabled,
    DateTime CreatedAt)
{
    internal static RuleView Of(ReplicationRuleRecord r, string target) => new(
        r.Name, target, r.Direction, r.RepositoryFilter, r.TagFilter, r.ContentKinds, r.Referrers, r.DestinationNamespace, r.Trigger,
        r.Schedule, r.NextRunAt, r.PropagateDeletes, r.BandwidthLimit, r.Concurrency, r.Enabled, r.CreatedAt);
}
