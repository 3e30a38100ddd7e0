namespace Berth.Index.Data;

/// <summary>A named secret usable as a password, limited to some actions; only its SHA-256 is stored.</summary>
public sealed class PersonalAccessToken
{
    public long Id { get; set; }

    /// <summary>The public part of the secret, to find the row without scanning hashes.</summary>
    public required string LookupId { get; set; }

    public required string SecretHash { get; set; }

    public long UserId { get; set; }

    public required string Name { get; set; }

    /// <summary>Comma-separated actions the token may use: pull, push, delete.</summary>
    public required string Actions { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ExpiresAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    public DateTime? LastUsedAt { get; set; }
}
