namespace Berth.Registry.Notifications;

/// <summary>One envelope waiting on disk: its place in the queue, how many events it holds, and its file.</summary>
internal sealed record QueuedEnvelope(long Sequence, int EventCount, string Path);
