using Berth.Index.Data.Replication;

namespace Berth.Replication.Model;

/// <summary>A target as an administrator describes it (API body, CLI options); the secret is write-only.</summary>
public sealed record TargetSpec(
    string Name,
    string Url,
    ReplicationCredentialKind CredentialKind = ReplicationCredentialKind.None,
    string? Username = null,
    string? Secret = null,
    bool SkipTlsVerify = false,
    string? CaCertificatePem = null);
