namespace Berth.Index.Api;

/// <summary>A new token: name, actions (pull, push, delete) and an optional expiry.</summary>
internal sealed record CreateAccessTokenRequest(string Name, IReadOnlyList<string> Actions, DateTimeOffset? ExpiresAt);
