using Berth.Index.Data;

namespace Berth.Index.Repositories;

/// <summary>A repository as listings show it; Registry names the site it lives in (null: the index's own registry).</summary>
public sealed record RepositorySummary(
    string Name,
    string Namespace,
    string? Description,
    RepositoryVisibility Visibility,
    int StarCount,
    long PullCount,
    long TotalSize,
    DateTime? LastPushedAt,
    DateTime UpdatedAt,
    string? Registry = null);
