using System.Collections.Concurrent;
using System.Text.Json;
using Berth.Registry.Layout;
using Berth.Registry.Storage;
using Berth.Storage;

namespace Berth.Registry.Policies;

/// <summary>
/// Namespace policies, one JSON document per namespace at <see cref="RegistryLayout.Policy"/>, so every node of a
/// cluster reads the same settings. Reads are cached for at most <see cref="CacheDuration"/>: a push checks the policy
/// of its namespace, and one storage read per push would cost more than the check. A write on this node is seen here
/// at once; one on another node within <see cref="CacheDuration"/>. Concurrent writes of one namespace: the last wins.
/// </summary>
public sealed class NamespacePolicyStore(IStorageDriver driver, TimeProvider time)
{
    /// <summary>How long a policy read (or its absence) is reused before the store is read again.</summary>
    public static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, CachedPolicy> _cache = new(StringComparer.Ordinal);

    /// <summary>The policy of <paramref name="namespace"/>, or null when none is set.</summary>
    /// <exception cref="RegistryException">The stored document is unreadable (written by hand): refuse rather than guess.</exception>
    public async Task<NamespacePolicy?> GetAsync(string @namespace, CancellationToken cancellationToken)
    {
        if (!NamespacePolicy.IsValidNamespace(@namespace))
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (_cache.TryGetValue(@namespace, out var cached) && cached.Until > now)
        {
            return cached.Policy;
        }

        var policy = await ReadAsync(@namespace, cancellationToken);
        _cache[@namespace] = new CachedPolicy(policy, now + CacheDuration);
        return policy;
    }

    /// <summary>Validates and stores the policy of <paramref name="namespace"/>, replacing any; returns it as stored.</summary>
    /// <exception cref="PolicyValidationException">The policy or the namespace is invalid; nothing was written.</exception>
    public async Task<NamespacePolicy> PutAsync(string @namespace, NamespacePolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var problems = policy.Validate(@namespace);
        if (problems.Count > 0)
        {
            throw new PolicyValidationException(problems);
        }

        var stored = policy with { Namespace = @namespace, UpdatedAt = time.GetUtcNow() };
        var content = JsonSerializer.SerializeToUtf8Bytes(stored, PolicyJsonContext.Default.NamespacePolicy);
        await driver.PutContentAsync(RegistryLayout.Policy(@namespace), content, cancellationToken);
        _cache.TryRemove(@namespace, out _);
        return stored;
    }

    /// <summary>Removes the policy of <paramref name="namespace"/>; false when it had none.</summary>
    public async Task<bool> DeleteAsync(string @namespace, CancellationToken cancellationToken)
    {
        if (!NamespacePolicy.IsValidNamespace(@namespace))
        {
            return false;
        }

        var deleted = await driver.TryDeleteAsync(RegistryLayout.Policy(@namespace), cancellationToken);
        _cache.TryRemove(@namespace, out _);
        return deleted;
    }

    /// <summary>Every stored policy, read afresh, ordered by namespace.</summary>
    public async Task<IReadOnlyList<NamespacePolicy>> ListAsync(CancellationToken cancellationToken)
    {
        var policies = new List<NamespacePolicy>();
        await foreach (var entry in driver.ListNamesAsync(RegistryLayout.PoliciesRoot, cancellationToken))
        {
            if (RegistryLayout.TryParsePolicyFile(entry) is { } @namespace && NamespacePolicy.IsValidNamespace(@namespace) && await ReadAsync(@namespace, cancellationToken) is { } policy)
            {
                policies.Add(policy);
            }
        }

        policies.Sort((a, b) => string.CompareOrdinal(a.Namespace, b.Namespace));
        return policies;
    }

    /// <summary>Forgets every cached read, so the next one goes to the store (tests, and after an import).</summary>
    public void ClearCache() => _cache.Clear();

    private async Task<NamespacePolicy?> ReadAsync(string @namespace, CancellationToken cancellationToken)
    {
        var path = RegistryLayout.Policy(@namespace);
        var content = await driver.TryGetContentAsync(path, cancellationToken);
        if (content is null)
        {
            return null;
        }

        try
        {
            var policy = JsonSerializer.Deserialize(content, PolicyJsonContext.Default.NamespacePolicy)
                ?? throw new JsonException("the document is null");
            return policy with { Namespace = @namespace };
        }
        catch (JsonException exception)
        {
            throw new RegistryException(
                RegistryErrorCode.Unknown,
                $"The policy of namespace '{@namespace}' ({path}) is unreadable: {exception.Message} Fix or delete it through the admin API.",
                new { @namespace });
        }
    }

    private sealed record CachedPolicy(NamespacePolicy? Policy, DateTimeOffset Until);
}
