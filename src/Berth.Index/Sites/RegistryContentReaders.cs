using System.Collections.Concurrent;
using Berth.Client;
using Berth.Index.Metadata;
using Berth.Index.Tokens;

namespace Berth.Index.Sites;

/// <summary>
/// The reader for where a repository lives: the registry in this process (no name), or a registered registry running
/// apart, reached with a <see cref="RegistryClient"/> whose Bearer challenges are answered by tokens the index signs
/// itself, addressed to that registry (the challenge's service is not trusted to choose the audience).
/// </summary>
public sealed class RegistryContentReaders : IDisposable
{
    private readonly IRegistryContentReader _local;
    private readonly RegistrySites _sites;
    private readonly TokenIssuer _issuer;
    private readonly ConcurrentDictionary<string, SiteContentReader> _remote = new(StringComparer.Ordinal);

    public RegistryContentReaders(IRegistryContentReader local, RegistrySites sites, TokenIssuer issuer)
    {
        _local = local;
        _sites = sites;
        _issuer = issuer;
        sites.Changed += Forget;
    }

    /// <summary>The reader for a registry by name; null (the default) is this process's. Null when the name is not registered.</summary>
    internal async Task<IRegistryContentReader?> ForAsync(string? registryName, CancellationToken cancellationToken)
    {
        if (registryName is null)
        {
            return _local;
        }

        if (_remote.TryGetValue(registryName, out var cached))
        {
            return cached;
        }

        var record = await _sites.FindAsync(registryName, cancellationToken);
        return record is null ? null : For(record.Name, new Uri(record.Url));
    }

    internal SiteContentReader For(string name, Uri url) =>
        _remote.GetOrAdd(name, n => new SiteContentReader(n, RegistryClient.Create(new RegistryClientOptions
        {
            BaseAddress = url,
            MaxConnectionsPerServer = 16,
            Timeout = TimeSpan.FromSeconds(30),
            TokenProvider = (request, ct) => _issuer.SignChallengeAsync(n, request, ct),
            SuppliedTokenLifetime = TimeSpan.FromSeconds(30),
        })));

    public void Dispose()
    {
        _sites.Changed -= Forget;
        foreach (var reader in _remote.Values)
        {
            reader.Dispose();
        }
    }

    private void Forget(string name)
    {
        if (_remote.TryRemove(name, out var reader))
        {
            reader.Dispose();
        }
    }
}
