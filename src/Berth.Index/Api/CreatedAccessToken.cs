namespace Berth.Index.Api;

/// <summary>The created token with its secret, shown this once.</summary>
internal sealed record CreatedAccessToken(string Name, string Secret, IReadOnlyList<string> Actions, DateTimeOffset? ExpiresAt);
