namespace Berth.Index.Tokens;

/// <summary>A signing key as kept on disk.</summary>
internal sealed record StoredKey(string KeyId, DateTimeOffset CreatedAt, DateTimeOffset? RetiredAt, string PrivateKey);
