namespace Berth.Index.Repositories;

/// <summary>
/// A page of a listing: Query is full-text over names and descriptions (every word, prefix-matched); Namespace keeps
/// one user's or organisation's repositories; StarredBy keeps those a user starred. Page is 1-based.
/// </summary>
public sealed record RepositoryListRequest
{
    public const int MaxPageSize = 100;

    public string? Query { get; init; }

    public string? Namespace { get; init; }

    public string? StarredBy { get; init; }

    public RepositorySort Sort { get; init; } = RepositorySort.Updated;

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = 25;
}
