namespace Berth.Replication.Model;

/// <summary>What an execution's attempt did with one image (a tag or a digest).</summary>
public enum ExecutionItemStatus
{
    Copied,
    Skipped,
    Deleted,
    Failed,
}
