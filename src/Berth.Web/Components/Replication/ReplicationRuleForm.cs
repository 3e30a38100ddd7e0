using Berth.Index.Data.Replication;
using Berth.Replication.Model;

namespace Berth.Web.Components.Replication;

/// <summary>The fields of the replication rule form (add, or edit when <see cref="Editing"/> names the rule).</summary>
internal sealed class ReplicationRuleForm
{
    /// <summary>The name of the rule being edited; empty when adding one.</summary>
    public string? Editing { get; set; }

    public string? Name { get; set; }

    public string? Target { get; set; }

    public ReplicationDirection Direction { get; set; }

    public string? RepositoryFilter { get; set; } = "**";

    public string? TagFilter { get; set; } = "*";

    public bool Images { get; set; } = true;

    public bool Indexes { get; set; } = true;

    public bool Artifacts { get; set; } = true;

    public bool Referrers { get; set; }

    public string? DestinationNamespace { get; set; }

    public ReplicationTrigger Trigger { get; set; }

    public string? Schedule { get; set; }

    public bool PropagateDeletes { get; set; }

    /// <summary>Bytes per second read from the source; empty for no limit.</summary>
    public long? BandwidthLimit { get; set; }

    public int Concurrency { get; set; } = 4;

    public bool Enabled { get; set; } = true;

    public bool IsEdit => !string.IsNullOrEmpty(Editing);

    public static ReplicationRuleForm From(RuleView rule) => new()
    {
        Editing = rule.Name,
        Name = rule.Name,
        Target = rule.Target,
        Direction = rule.Direction,
        RepositoryFilter = rule.RepositoryFilter,
        TagFilter = rule.TagFilter,
        Images = rule.ContentKinds.HasFlag(ReplicationContentKinds.Images),
        Indexes = rule.ContentKinds.HasFlag(ReplicationContentKinds.Indexes),
        Artifacts = rule.ContentKinds.HasFlag(ReplicationContentKinds.Artifacts),
        Referrers = rule.Referrers,
        DestinationNamespace = rule.DestinationNamespace,
        Trigger = rule.Trigger,
        Schedule = rule.Schedule,
        PropagateDeletes = rule.PropagateDeletes,
        BandwidthLimit = rule.BandwidthLimit,
        Concurrency = rule.Concurrency,
        Enabled = rule.Enabled,
    };

    public RuleSpec ToSpec() => new(
        (IsEdit ? Editing : Name)?.Trim() ?? "",
        Target ?? "",
        Direction,
        OrDefault(RepositoryFilter, "**"),
        OrDefault(TagFilter, "*"),
        (Images ? ReplicationContentKinds.Images : 0) | (Indexes ? ReplicationContentKinds.Indexes : 0) | (Artifacts ? ReplicationContentKinds.Artifacts : 0),
        Referrers,
        string.IsNullOrWhiteSpace(DestinationNamespace) ? null : DestinationNamespace.Trim(),
        Trigger,
        string.IsNullOrWhiteSpace(Schedule) ? null : Schedule.Trim(),
        PropagateDeletes,
        BandwidthLimit,
        Concurrency,
        Enabled);

    private static string OrDefault(string? value, string fallback) => string.IsNullOrWhiteSpace(value) ? fallback : value.Trim();
}
