using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Berth.Registry.Layout;
using Berth.Registry.Names;
using Berth.Registry.Storage;
using Berth.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.Registry.Quotas;

/// <summary>
/// Namespace quotas, kept in the store (/v1/quotas/&lt;namespace&gt;.json) so every node reads the same ones. Pushes
/// read a limit through a short cache (<see cref="QuotaOptions.LimitMaxAge"/>); a change made here is seen at once here.
/// </summary>
public sealed class QuotaStore(IStorageDriver driver, IOptions<QuotaOptions> options, TimeProvider time, ILogger<QuotaStore> logger)
{
    private const string Extension = ".json";

    private readonly ConcurrentDictionary<string, (long Limit, DateTimeOffset ReadAt)> _limits = new(StringComparer.Ordinal);

    /// <summary>A namespace is one component of a repository name: what <see cref="RepositoryName.Namespace"/> returns.</summary>
    public static bool IsValidNamespace([NotNullWhen(true)] string? value) =>
        value is not null && !value.Contains('/', StringComparison.Ordinal) && RepositoryName.TryParse(value, out _);

    public async Task<NamespaceQuota?> GetAsync(string @namespace, CancellationToken cancellationToken)
    {
        EnsureValid(@namespace);
        var content = await driver.TryGetContentAsync(RegistryLayout.Quota(@namespace), cancellationToken);
        if (content is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(content, QuotaJsonContext.Default.NamespaceQuota) is { } quota
                ? quota with { Namespace = @namespace }
                : null;
        }
        catch (JsonException exception)
        {
            // An unreadable document must not block every push of the namespace; the default limit applies.
            Log.UnreadableQuota(logger, exception, @namespace);
            return null;
        }
    }

    public async Task<IReadOnlyList<NamespaceQuota>> ListAsync(CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await foreach (var name in driver.ListNamesAsync(RegistryLayout.QuotasRoot, cancellationToken))
        {
            if (name.EndsWith(Extension, StringComparison.Ordinal) && IsValidNamespace(name[..^Extension.Length]))
            {
                names.Add(name[..^Extension.Length]);
            }
        }

        var quotas = await Task.WhenAll(names.Select(n => GetAsync(n, cancellationToken)));
        return [.. quotas.OfType<NamespaceQuota>().OrderBy(q => q.Namespace, StringComparer.Ordinal)];
    }

    public async Task<NamespaceQuota> SetAsync(string @namespace, long limitBytes, CancellationToken cancellationToken)
    {
        EnsureValid(@namespace);
        ArgumentOutOfRangeException.ThrowIfNegative(limitBytes);
        var quota = new NamespaceQuota(@namespace, limitBytes, time.GetUtcNow());
        await driver.PutContentAsync(RegistryLayout.Quota(@namespace), JsonSerializer.SerializeToUtf8Bytes(quota, QuotaJsonContext.Default.NamespaceQuota), cancellationToken);
        _limits[@namespace] = (limitBytes, time.GetUtcNow());
        return quota;
    }

    /// <summary>Removes the namespace's document (the default limit applies again); false when there was none.</summary>
    public async Task<bool> DeleteAsync(string @namespace, CancellationToken cancellationToken)
    {
        EnsureValid(@namespace);
        _limits.TryRemove(@namespace, out _);
        return await driver.TryDeleteAsync(RegistryLayout.Quota(@namespace), cancellationToken);
    }

    /// <summary>The limit pushes into the namespace are held to, in bytes; 0 is unlimited.</summary>
    public async Task<long> GetLimitAsync(string @namespace, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_limits.TryGetValue(@namespace, out var cached) && now - cached.ReadAt < options.Value.LimitMaxAge)
        {
            return cached.Limit;
        }

        var limit = (await GetAsync(@namespace, cancellationToken))?.LimitBytes ?? options.Value.DefaultBytes;
        _limits[@namespace] = (limit, now);
        return limit;
    }

    private static void EnsureValid(string @namespace)
    {
        if (!IsValidNamespace(@namespace))
        {
            throw new ArgumentException($"'{@namespace}' is not a namespace: one lowercase component of a repository name.", nameof(@namespace));
        }
    }
}
