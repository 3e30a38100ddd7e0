namespace Berth.Index.Api;

/// <summary>A personal access token as listed; its secret is never shown again.</summary>
internal sealed record AccessTokenInfo(string Name, IReadOnlyList<string> Actions, DateTime CreatedAt, DateTime? ExpiresAt, DateTime? RevokedAt, DateTime? LastUsedAt);
