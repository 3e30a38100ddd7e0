using Berth.Client.Copy;

namespace Berth.Client.Transports;

/// <summary>How a copy reaches one registry: its credentials, plain HTTP or TLS, chunk size and retries.</summary>
public sealed record RegistryConnection
{
    /// <summary>user:password given on the command line; when null the credential files are searched.</summary>
    public string? Credentials { get; init; }

    /// <summary>Use http:// even for a non-loopback host (loopback registries are always plain HTTP, as docker does).</summary>
    public bool PlainHttp { get; init; }

    public int ChunkSize { get; init; } = 32 * 1024 * 1024;

    public RetryPolicy Retry { get; init; } = new();

    internal RegistryClient CreateClient(RegistryLocation location, int connections)
    {
        var (username, password) = Credentials is { } given
            ? SplitCredentials(given)
            : CredentialFiles.Find(location.Host) ?? (null, null);
        var loopback = location.Host.StartsWith("127.", StringComparison.Ordinal)
            || location.Host.StartsWith("localhost", StringComparison.OrdinalIgnoreCase)
            || location.Host.StartsWith("[::1]", StringComparison.Ordinal);
        var scheme = PlainHttp || loopback ? "http" : "https";
        return RegistryClient.Create(new RegistryClientOptions
        {
            BaseAddress = new Uri($"{scheme}://{location.Host}/"),
            Username = username,
            Password = password,
            MaxConnectionsPerServer = Math.Max(4, connections * 2),
            Timeout = Timeout.InfiniteTimeSpan,
        });
    }

    private static (string?, string?) SplitCredentials(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon <= 0
            ? throw new CopyException(CopyFailure.Usage, "Credentials must be USER:PASSWORD.")
            : (text[..colon], text[(colon + 1)..]);
    }
}
