namespace Berth.Web.Catalog;

/// <summary>One repository in a listing.</summary>
public sealed record RepositorySummary(
    string Name,
    string? Description,
    bool IsPublic,
    int StarCount,
    long PullCount,
    DateTime? LastPushedAt,
    DateTime UpdatedAt);
