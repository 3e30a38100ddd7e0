using Berth.Index.Data;

namespace Berth.Index.Repositories;

/// <summary>A team's permission on one repository, or on all of its organisation's (Repository "*").</summary>
public sealed record TeamPermission(string Team, string Repository, RepositoryPermission Permission);
