using Berth.Registry.GarbageCollection;

namespace Berth.Registry.Api.Admin;

/// <summary>The answer of GET /api/v1/admin/gc/runs: the newest runs first.</summary>
internal sealed record GcRunListing(IReadOnlyList<GcRunRecord> Runs);
