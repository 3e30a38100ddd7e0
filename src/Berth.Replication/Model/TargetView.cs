using Berth.Index.Data.Replication;

namespace Berth.Replication.Model;

/// <summary>A target as shown to administrators: whether it has a secret, never the secret.</summary>
public sealed record TargetView(
    string Name,
    string Url,
    ReplicationCredentialKind CredentialKind,
    string? Username,
    bool HasSecret,
    bool SkipTlsVerify,
    bool HasCaCertificate,
    DateTime CreatedAt)
{
    internal static TargetView Of(ReplicationTargetRecord t) =>
        new(t.Name, t.Url, t.CredentialKind, t.Username, t.Secret is not null, t.SkipTlsVerify, t.CaCertificatePem is not null, t.CreatedAt);
}
