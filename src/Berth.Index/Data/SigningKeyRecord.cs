namespace Berth.Index.Data;

/// <summary>A token signing key (P-256, PKCS#8), shared by every index node through the database.</summary>
internal sealed class SigningKeyRecord
{
    /// <summary>The RFC 7638 thumbprint of the public key.</summary>
    public required string KeyId { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Set when a rotation replaced the key; it still verifies until its tokens have expired.</summary>
    public DateTime? RetiredAt { get; set; }

    /// <summary>
    /// True for the one key that signs, null otherwise: a unique index on this column lets at most one key be active,
    /// so two nodes creating the first key at once cannot both succeed.
    /// </summary>
    public bool? Active { get; set; }

    /// <summary>The private key, PKCS#8, base64. The database holds secrets: protect it (SQLite: the file is mode 0600).</summary>
    public required string PrivateKey { get; set; }
}
