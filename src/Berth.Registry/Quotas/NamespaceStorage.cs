namespace Berth.Registry.Quotas;

/// <summary>
/// One namespace of the storage overview (GET /api/v1/admin/storage, the admin page): distinct bytes its repositories hold, and its quota (0 = unlimited;
/// quotaSource "namespace" when it has its own document, "default" for Quotas:DefaultBytes, "none" otherwise).
/// </summary>
public sealed record NamespaceStorage(string Namespace, long UsedBytes, int Blobs, IReadOnlyList<string> Repositories, long QuotaBytes, string QuotaSource, DateTimeOffset ComputedAt);
