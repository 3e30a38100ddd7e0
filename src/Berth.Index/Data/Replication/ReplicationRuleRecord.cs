namespace Berth.Index.Data.Replication;

/// <summary>
/// What to replicate, where and when: a direction against one target, source filters (repository and tag globs,
/// kinds of content, referrers), the destination namespace, the trigger, delete propagation and limits.
/// </summary>
public sealed class ReplicationRuleRecord
{
    public long Id { get; set; }

    public required string Name { get; set; }

    public long TargetId { get; set; }

    public ReplicationDirection Direction { get; set; }

    /// <summary>Glob over repository names: '*' within one path component, '**' across them ("team/**").</summary>
    public required string RepositoryFilter { get; set; }

    /// <summary>Glob over tags ("v*"); '*' takes every tag.</summary>
    public required string TagFilter { get; set; }

    public ReplicationContentKinds ContentKinds { get; set; } = ReplicationContentKinds.All;

    /// <summary>Also copy the manifests whose subject is a copied manifest (signatures, SBOMs).</summary>
    public bool Referrers { get; set; }

    /// <summary>When set, replaces the first path component of the repository at the destination ("team/app" → "dr/app").</summary>
    public string? DestinationNamespace { get; set; }

    public ReplicationTrigger Trigger { get; set; }

    /// <summary>Cron expression (5 fields, UTC) of a scheduled rule.</summary>
    public string? Schedule { get; set; }

    /// <summary>The next time the schedule fires; moved on by the node that enqueues that run, so one node does.</summary>
    public DateTime? NextRunAt { get; set; }

    /// <summary>Propagate deletes of manifests and tags in scope to the destination (event-triggered push rules).</summary>
    public bool PropagateDeletes { get; set; }

    /// <summary>Bytes per second read from the source for one execution; null is unlimited.</summary>
    public long? BandwidthLimit { get; set; }

    /// <summary>Blobs transferred at once within one execution.</summary>
    public int Concurrency { get; set; } = 4;

    public bool Enabled { get; set; } = true;

    public DateTime CreatedAt { get; set; }
}
