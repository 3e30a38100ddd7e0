namespace Berth.Index.Repositories;

/// <summary>One page of a listing and the total number of matches the viewer may read.</summary>
public sealed record RepositoryPage(IReadOnlyList<RepositorySummary> Items, int Total, int Page, int PageSize)
{
    public int PageCount => Total == 0 ? 0 : (Total + PageSize - 1) / PageSize;
}
