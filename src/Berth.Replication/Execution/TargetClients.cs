using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography.X509Certificates;
using System.Net.Security;
using Berth.Client;
using Berth.Index.Data.Replication;

namespace Berth.Replication.Execution;

/// <summary>Clients for a replication target: its URL, its credentials (Basic, or a token given as is) and its TLS trust.</summary>
internal static class TargetClients
{
    public static RegistryClient Create(ReplicationTargetRecord target, int connections, TimeSpan timeout)
    {
        var secret = target.Secret;
        return RegistryClient.Create(new RegistryClientOptions
        {
            BaseAddress = new Uri(target.Url),
            Username = target.CredentialKind == ReplicationCredentialKind.Basic ? target.Username : null,
            Password = target.CredentialKind == ReplicationCredentialKind.Basic ? secret : null,
            TokenProvider = target.CredentialKind == ReplicationCredentialKind.Token && secret is not null
                ? (_, _) => ValueTask.FromResult(secret)
                : null,
            SuppliedTokenLifetime = TimeSpan.FromHours(1),
            MaxConnectionsPerServer = Math.Max(4, connections * 2),
            Timeout = timeout,
            Tls = Tls(target),
        });
    }

    /// <summary>Any certificate (SkipTlsVerify), one chaining to the target's own CA, or the system's trust (null).</summary>
    [SuppressMessage("Security", "CA5359", Justification = "SkipTlsVerify is an administrator's explicit choice for one target, off by default.")]
    private static SslClientAuthenticationOptions? Tls(ReplicationTargetRecord target)
    {
        if (target.SkipTlsVerify)
        {
            return new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => true };
        }

        if (target.CaCertificatePem is not { } pem)
        {
            return null;
        }

        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.Add(X509Certificate2.CreateFromPem(pem));
        return new SslClientAuthenticationOptions { CertificateChainPolicy = policy };
    }
}
