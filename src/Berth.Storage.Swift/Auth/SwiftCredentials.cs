namespace Berth.Storage.Swift.Auth;

/// <summary>What authentication yields: where the account is and the token to present there.</summary>
internal sealed record SwiftCredentials(Uri StorageUrl, string Token, DateTimeOffset? ExpiresAt)
{
    /// <summary>True when the token should be replaced before a request that cannot be replayed.</summary>
    public bool ExpiresWithin(TimeProvider time, TimeSpan margin) =>
        ExpiresAt is { } expiry && time.GetUtcNow() + margin >= expiry;
}
