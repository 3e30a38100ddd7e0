namespace Berth.Registry.Quotas;

/// <summary>The quota document of a namespace, stored at /v1/quotas/&lt;namespace&gt;.json. A limit of 0 is unlimited.</summary>
public sealed record NamespaceQuota(string Namespace, long LimitBytes, DateTimeOffset UpdatedAt);
