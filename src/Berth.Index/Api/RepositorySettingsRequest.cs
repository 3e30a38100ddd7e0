using Berth.Index.Data;

namespace Berth.Index.Api;

/// <summary>Repository settings to change; omitted members stay as they are.</summary>
public sealed record RepositorySettingsRequest(string? Description, string? Readme, RepositoryVisibility? Visibility);
