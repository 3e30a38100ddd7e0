namespace Berth.Registry.Consistency;

/// <summary>An upload session older than the stale age; not an inconsistency (garbage collection purges it).</summary>
public sealed record StaleUpload(string Repository, string UploadId, DateTimeOffset? StartedAt);
