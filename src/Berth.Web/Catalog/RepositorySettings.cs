namespace Berth.Web.Catalog;

/// <summary>What the repository settings form changes.</summary>
public sealed record RepositorySettings(string? Description, string? Readme, bool IsPublic);
