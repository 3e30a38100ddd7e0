using Berth.Index.Data;

namespace Berth.Web.Catalog;

/// <summary>A team of the repository's organisation, with its grant on this repository and on all ("*") of them.</summary>
public sealed record TeamPermissionRow(string Team, RepositoryPermission? Direct, RepositoryPermission? ViaAll);
