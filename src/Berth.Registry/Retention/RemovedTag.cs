using Berth.Registry.Content;

namespace Berth.Registry.Retention;

/// <summary>A tag a retention run removed (or, in a dry run, would remove), and why.</summary>
public sealed record RemovedTag(string Repository, string Tag, Digest Digest, DateTimeOffset PushedAt, string Reason);
