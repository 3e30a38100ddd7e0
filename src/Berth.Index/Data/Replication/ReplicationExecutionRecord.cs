namespace Berth.Index.Data.Replication;

/// <summary>
/// One execution of a rule: a job of the durable queue while it waits or runs, and its record once done. A whole
/// run (manual or scheduled) has no <see cref="Repository"/>; an event's execution names the repository and the tag or
/// digest it is about. A node runs it only while it holds the lease (<see cref="LeaseOwner"/> until
/// <see cref="LeaseExpiresAt"/>, renewed as it works), so nodes sharing the database never run one execution at once,
/// and an execution whose node died is taken over once its lease expired.
/// </summary>
public sealed class ReplicationExecutionRecord
{
    public const int MaxItemsLength = 16000;

    public long Id { get; set; }

    public long RuleId { get; set; }

    public ReplicationTrigger Trigger { get; set; }

    /// <summary>True when the execution deletes (a propagated delete) rather than copies.</summary>
    public bool IsDelete { get; set; }

    public string? Repository { get; set; }

    /// <summary>A tag or a digest within <see cref="Repository"/>.</summary>
    public string? Reference { get; set; }

    public ReplicationExecutionStatus Status { get; set; }

    /// <summary>Attempts started so far; each claim of the lease counts one.</summary>
    public int Attempts { get; set; }

    /// <summary>Not taken from the queue before this time (the back-off after a failed attempt).</summary>
    public DateTime NotBefore { get; set; }

    public string? LeaseOwner { get; set; }

    public DateTime? LeaseExpiresAt { get; set; }

    /// <summary>The node that claimed the last attempt (kept after the lease is released).</summary>
    public string? Node { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    /// <summary>Manifests (images, indexes, referrers) and deletes done.</summary>
    public int ItemsCopied { get; set; }

    /// <summary>Images the destination already had with the same digest.</summary>
    public int ItemsSkipped { get; set; }

    public int ItemsFailed { get; set; }

    public int BlobsCopied { get; set; }

    public int BlobsSkipped { get; set; }

    public int BlobsMounted { get; set; }

    public long Bytes { get; set; }

    /// <summary>The errors of the last attempt, one per line ("team/app:v1: …"), cut at 4000 characters.</summary>
    public string? Errors { get; set; }

    /// <summary>
    /// What the last attempt did with each image, one per line ("copied team/app:v1", "skipped …", "deleted …",
    /// "failed …"), cut at <see cref="MaxItemsLength"/> characters; shown per image in the web UI.
    /// </summary>
    public string? Items { get; set; }
}
