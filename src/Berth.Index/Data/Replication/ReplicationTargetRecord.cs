namespace Berth.Index.Data.Replication;

/// <summary>
/// A registry images are replicated to or from (Berth, distribution, any OCI registry): where it is, how to sign in,
/// and how to trust its TLS certificate. <see cref="Secret"/> is a password or a token; like the registries' event
/// secrets it is kept in the index database (protect it) and never logged or sent back by the API.
/// </summary>
public sealed class ReplicationTargetRecord
{
    public long Id { get; set; }

    public required string Name { get; set; }

    /// <summary>The registry's base URL (http:// or https://).</summary>
    public required string Url { get; set; }

    public ReplicationCredentialKind CredentialKind { get; set; }

    public string? Username { get; set; }

    public string? Secret { get; set; }

    /// <summary>Accept any certificate (a test registry with a self-signed one); off by default.</summary>
    public bool SkipTlsVerify { get; set; }

    /// <summary>PEM of the certificate authority the registry's certificate must chain to, instead of the system's.</summary>
    public string? CaCertificatePem { get; set; }

    public DateTime CreatedAt { get; set; }
}
