namespace Berth.Web.Catalog;

/// <summary>What a viewer may do with a repository they can read.</summary>
public sealed record RepositoryAccess(bool CanStar, bool CanPush, bool CanAdminister);
