using Berth.Index.Data;

namespace Berth.Index.Repositories;

/// <summary>A repository as listings show it.</summary>
public sealed record RepositorySummary(
    string Name,
    string Namespace,
    string? Description,
    RepositoryVisibility Visibility,
    int StarCount,
    long PullCount,
    long TotalSize,
    DateTime? LastPushedAt,
    DateTime UpdatedAt);
