using Berth.Registry.Policies;

namespace Berth.Registry.Api.Admin;

/// <summary>GET /api/v1/admin/policies: every namespace policy, by namespace.</summary>
internal sealed record PolicyListing(IReadOnlyList<NamespacePolicy> Policies);
