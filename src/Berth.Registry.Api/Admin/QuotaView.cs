namespace Berth.Registry.Api.Admin;

/// <summary>The answer of GET and PUT /api/v1/admin/quotas/&lt;namespace&gt;.</summary>
internal sealed record QuotaView(string Namespace, long LimitBytes, string Source, DateTimeOffset? UpdatedAt, long UsedBytes);
