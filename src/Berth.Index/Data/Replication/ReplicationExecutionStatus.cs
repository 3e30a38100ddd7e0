namespace Berth.Index.Data.Replication;

/// <summary>Where an execution is: waiting in the queue (first time or after a failed attempt), running, or done.</summary>
public enum ReplicationExecutionStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
}
