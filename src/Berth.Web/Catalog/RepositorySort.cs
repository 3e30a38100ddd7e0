namespace Berth.Web.Catalog;

/// <summary>The orders the explore page offers.</summary>
public enum RepositorySort
{
    Updated,
    Stars,
    Pulls,
    Name,
}
