namespace Berth.Registry.Api.Admin;

/// <summary>The optional body of POST /api/v1/admin/gc/runs.</summary>
internal sealed record GcRunRequest(bool DryRun);
