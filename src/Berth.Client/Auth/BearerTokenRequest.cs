namespace Berth.Client.Auth;

/// <summary>What a registry's Bearer challenge asked for: the service (the token's audience) and the scopes.</summary>
public sealed record BearerTokenRequest(string? Service, IReadOnlyList<string> Scopes);
