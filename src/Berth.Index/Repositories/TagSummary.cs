namespace Berth.Index.Repositories;

/// <summary>A tag as the repository page's table shows it. Platforms are "os/architecture[/variant]".</summary>
public sealed record TagSummary(
    string Name,
    string Digest,
    string MediaType,
    long Size,
    IReadOnlyList<string> Platforms,
    DateTime? CreatedAt,
    DateTime PushedAt);
