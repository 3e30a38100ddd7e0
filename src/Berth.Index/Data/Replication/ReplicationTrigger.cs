namespace Berth.Index.Data.Replication;

/// <summary>What starts a rule's executions (every rule can also be run by hand).</summary>
public enum ReplicationTrigger
{
    /// <summary>Only when run by hand (API, CLI, web UI).</summary>
    Manual,

    /// <summary>On every push, tag or delete in scope (push rules), from the registry's event stream.</summary>
    Event,

    /// <summary>On the rule's cron schedule (UTC).</summary>
    Schedule,
}
