namespace Berth.Registry.Retention;

/// <summary>What a retention run looked at and removed; for a dry run, what it would have removed.</summary>
public sealed record RetentionReport
{
    public required string RunId { get; init; }

    public required bool DryRun { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public TimeSpan Duration { get; init; }

    /// <summary>Namespaces with at least one retention rule.</summary>
    public int Namespaces { get; init; }

    public int Repositories { get; init; }

    public int TagsScanned { get; init; }

    /// <summary>Tags of the scanned repositories that immutable rules protect from retention.</summary>
    public int Immutable { get; init; }

    public IReadOnlyList<RemovedTag> Removed { get; init; } = [];

    /// <summary>Namespaces or repositories skipped, each with the reason (an unreadable policy, a storage error).</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];
}
