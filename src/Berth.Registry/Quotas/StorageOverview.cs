using Microsoft.Extensions.Options;

namespace Berth.Registry.Quotas;

/// <summary>Every namespace with its usage (walked now) and its quota, plus namespaces that have a quota but no repository yet.</summary>
public sealed class StorageOverview(StorageUsage usage, QuotaStore quotas, IOptions<QuotaOptions> options, TimeProvider time)
{
    public long DefaultQuotaBytes => options.Value.DefaultBytes;

    public async Task<IReadOnlyList<NamespaceStorage>> ListAsync(CancellationToken cancellationToken)
    {
        var usages = usage.ListAsync(cancellationToken);
        var documents = (await quotas.ListAsync(cancellationToken)).ToDictionary(q => q.Namespace, StringComparer.Ordinal);
        var rows = (await usages).Select(u => Row(u, documents.GetValueOrDefault(u.Namespace))).ToList();
        var now = time.GetUtcNow();
        rows.AddRange(documents.Values
            .Where(q => rows.TrueForAll(r => r.Namespace != q.Namespace))
            .Select(q => Row(new NamespaceUsage(q.Namespace, 0, 0, [], now), q)));
        return [.. rows.OrderBy(r => r.Namespace, StringComparer.Ordinal)];
    }

    private NamespaceStorage Row(NamespaceUsage usage, NamespaceQuota? quota)
    {
        var (limit, source) = quota is not null
            ? (quota.LimitBytes, "namespace")
            : options.Value.DefaultBytes > 0 ? (options.Value.DefaultBytes, "default") : (0L, "none");
        return new NamespaceStorage(usage.Namespace, usage.Bytes, usage.Blobs, usage.Repositories, limit, source, usage.ComputedAt);
    }
}
