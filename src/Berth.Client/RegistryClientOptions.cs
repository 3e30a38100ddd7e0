using System.ComponentModel.DataAnnotations;
using System.Net.Security;
using Berth.Client.Auth;

namespace Berth.Client;

/// <summary>Where a <see cref="RegistryClient"/> connects and how it authenticates.</summary>
public sealed record RegistryClientOptions
{
    /// <summary>The registry's base address, e.g. http://127.0.0.1:5000/.</summary>
    [Required]
    public required Uri BaseAddress { get; init; }

    /// <summary>User for Basic auth or for the token endpoint of Bearer auth; none means anonymous.</summary>
    public string? Username { get; init; }

    public string? Password { get; init; }

    /// <summary>
    /// Answers Bearer challenges without asking the realm: a token service that signs tokens itself (the index reading
    /// a registry) supplies them here. Tokens are reused for <see cref="SuppliedTokenLifetime"/>.
    /// </summary>
    public Func<BearerTokenRequest, CancellationToken, ValueTask<string>>? TokenProvider { get; init; }

    public TimeSpan SuppliedTokenLifetime { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>High by default: a load generator must not queue requests inside its own connection pool.</summary>
    [Range(1, int.MaxValue)]
    public int MaxConnectionsPerServer { get; init; } = 4096;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>TLS settings of the connections (a certificate check of one's own); null keeps the system's defaults.</summary>
    public SslClientAuthenticationOptions? Tls { get; init; }
}
