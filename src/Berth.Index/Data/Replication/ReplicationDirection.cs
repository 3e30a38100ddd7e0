namespace Berth.Index.Data.Replication;

/// <summary>Push copies from this registry to the target; pull copies from the target into this registry.</summary>
public enum ReplicationDirection
{
    Push,
    Pull,
}
