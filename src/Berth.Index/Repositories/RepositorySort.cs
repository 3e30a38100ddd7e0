namespace Berth.Index.Repositories;

/// <summary>The orders a listing offers; ties break by name.</summary>
public enum RepositorySort
{
    /// <summary>Most recently pushed or changed first.</summary>
    Updated,

    /// <summary>Most starred first.</summary>
    Stars,

    /// <summary>Most pulled first.</summary>
    Pulls,

    /// <summary>By name, A to Z.</summary>
    Name,
}
