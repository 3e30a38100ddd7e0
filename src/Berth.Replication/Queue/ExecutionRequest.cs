using Berth.Index.Data.Replication;

namespace Berth.Replication.Queue;

/// <summary>An execution to queue: a rule's whole scope (no repository), or one repository's tag or digest (an event).</summary>
internal sealed record ExecutionRequest(long RuleId, ReplicationTrigger Trigger, string? Repository = null, string? Reference = null, bool IsDelete = false);
