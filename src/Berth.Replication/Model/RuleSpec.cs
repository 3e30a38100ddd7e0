using Berth.Index.Data.Replication;

namespace Berth.Replication.Model;

/// <summary>A rule as an administrator describes it (API body, CLI options); left-out fields take their defaults.</summary>
public sealed record RuleSpec(
    string Name,
    string Target,
    ReplicationDirection Direction = ReplicationDirection.Push,
    string RepositoryFilter = "**",
    string TagFilter = "*",
    ReplicationContentKinds ContentKinds = ReplicationContentKinds.All,
    bool Referrers = false,
    string? DestinationNamespace = null,
    ReplicationTrigger Trigger = ReplicationTrigger.Manual,
    string? Schedule = null,
    bool PropagateDeletes = false,
    long? BandwidthLimit = null,
    int Concurrency = 4,
    bool Enabled = true);
