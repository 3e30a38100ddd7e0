namespace Berth.Web.Catalog;

/// <summary>A registered registry (site) holding a repository: its pull host and the tags it holds there, newest first.</summary>
public sealed record SiteView(string Registry, string? PullHost, IReadOnlyList<string> Tags);
