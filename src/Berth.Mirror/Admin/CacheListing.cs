namespace Berth.Mirror.Admin;

/// <summary>The answer of GET /api/v1/mirror/cache.</summary>
public sealed record CacheListing(string Upstream, IReadOnlyList<CachedRepository> Repositories, long Bytes, int FetchesInFlight);
