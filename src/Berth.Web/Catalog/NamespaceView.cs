namespace Berth.Web.Catalog;

/// <summary>A user's or an organisation's page: the repositories the viewer may read, and an organisation's teams.</summary>
public sealed record NamespaceView(string Name, bool IsOrganization, DateTime CreatedAt, IReadOnlyList<RepositorySummary> Repositories, IReadOnlyList<string> Teams);
