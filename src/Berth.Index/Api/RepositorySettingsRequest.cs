using Berth.Index.Data;

namespace Berth.Index.Api;

/// <summary>Repository settings to change; omitted members stay as they are.</summary>
internal sealed record RepositorySettingsRequest(string? Description, string? Readme, RepositoryVisibility? Visibility);
