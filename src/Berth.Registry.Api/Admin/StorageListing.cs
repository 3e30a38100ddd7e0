using Berth.Registry.Quotas;

namespace Berth.Registry.Api.Admin;

/// <summary>The answer of GET /api/v1/admin/storage.</summary>
internal sealed record StorageListing(IReadOnlyList<NamespaceStorage> Namespaces, long DefaultQuotaBytes);
