using Berth.Index.Data;

namespace Berth.Index.Repositories;

/// <summary>A change of a repository's settings; null members are left as they are.</summary>
public sealed record RepositorySettings(string? Description, string? Readme, RepositoryVisibility? Visibility);
