namespace Berth.Replication.Model;

/// <summary>The answer of a target's test-connection action.</summary>
public sealed record ConnectionCheck(bool Reachable, bool Authenticated, string Message);
