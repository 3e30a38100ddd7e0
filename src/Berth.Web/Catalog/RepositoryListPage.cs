namespace Berth.Web.Catalog;

/// <summary>One page of a listing or search, with the total to page through.</summary>
public sealed record RepositoryListPage(IReadOnlyList<RepositorySummary> Items, int Total, int Page, int PageSize)
{
    public int PageCount => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;
}
