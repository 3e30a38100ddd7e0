using Berth.Index.Data.Replication;

namespace Berth.Replication.Model;

/// <summary>An execution as shown to administrators: what it is about, where it is, what it did (per image) and why it failed.</summary>
public sealed record ExecutionView(
    long Id,
    string Rule,
    ReplicationTrigger Trigger,
    bool IsDelete,
    string? Repository,
    string? Reference,
    ReplicationExecutionStatus Status,
    int Attempts,
    string? Node,
    DateTime CreatedAt,
    DateTime? StartedAt,
    DateTime? FinishedAt,
    DateTime NotBefore,
    int ItemsCopied,
    int ItemsSkipped,
    int ItemsFailed,
    int BlobsCopied,
    int BlobsSkipped,
    int BlobsMounted,
    long Bytes,
    string? Errors,
    IReadOnlyList<ExecutionItem> Items)
{
    internal static ExecutionView Of(ReplicationExecutionRecord x, string rule) => new(
        x.Id, rule, x.Trigger, x.IsDelete, x.Repository, x.Reference, x.Status, x.Attempts, x.Node, x.CreatedAt, x.StartedAt, x.FinishedAt, x.NotBefore,
        x.ItemsCopied, x.ItemsSkipped, x.ItemsFailed, x.BlobsCopied, x.BlobsSkipped, x.BlobsMounted, x.Bytes, x.Errors, ExecutionItem.Parse(x.Items));
}
