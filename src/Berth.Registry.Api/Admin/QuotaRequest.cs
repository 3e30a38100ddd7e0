namespace Berth.Registry.Api.Admin;

/// <summary>The body of PUT /api/v1/admin/quotas/&lt;namespace&gt;: the limit in bytes (0 = unlimited).</summary>
internal sealed record QuotaRequest(long? LimitBytes);
