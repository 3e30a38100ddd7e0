using Berth.Mirror.Blobs;
using Berth.Mirror.Manifests;
using Berth.Mirror.Upstream;
using Berth.Registry;
using Berth.Registry.Api.Errors;
using Berth.Registry.Names;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Berth.Mirror.Admin;

/// <summary>
/// GET /api/v1/mirror/cache (every cached repository), GET and DELETE /api/v1/mirror/cache/&lt;name&gt; (one; evict it).
/// Guarded like the catalog (declared on the route group in MapMirror): with auth on, only an administrator's token
/// (scope registry:catalog:*) passes.
/// </summary>
internal sealed class MirrorCacheEndpoints(
    CacheInventory inventory,
    BlobFills fills,
    TagFreshness freshness,
    UpstreamRegistry upstream,
    ILogger<MirrorCacheEndpoints> logger)
{
    public async Task ListAsync(HttpContext context)
    {
        var repositories = await inventory.ListAsync(context.RequestAborted);
        var listing = new CacheListing(upstream.Address.ToString(), repositories, repositories.Sum(r => r.Bytes), fills.InFlight);
        await Results.Json(listing, MirrorJsonContext.Default.CacheListing).ExecuteAsync(context);
    }

    public async Task GetAsync(HttpContext context, string name)
    {
        if (await ParseAsync(context, name) is not { } repository)
        {
            return;
        }

        var described = await inventory.DescribeAsync(repository, context.RequestAborted);
        if (described.Manifests == 0 && described.Blobs == 0 && described.Tags.Count == 0)
        {
            await RegistryErrorWriter.WriteAsync(context, new RegistryException(RegistryErrorCode.NameUnknown, $"Nothing of '{name}' is cached.", new { name }));
            return;
        }

        await Results.Json(described, MirrorJsonContext.Default.CachedRepository).ExecuteAsync(context);
    }

    public async Task EvictAsync(HttpContext context, string name)
    {
        if (await ParseAsync(context, name) is not { } repository)
        {
            return;
        }

        var eviction = await inventory.EvictAsync(repository, context.RequestAborted);
        freshness.Forget(repository);
        Log.Evicted(logger, repository.Value, eviction.Blobs, eviction.Bytes);
        await Results.Json(eviction, MirrorJsonContext.Default.Eviction).ExecuteAsync(context);
    }

    private static async Task<RepositoryName?> ParseAsync(HttpContext context, string name)
    {
        if (RepositoryName.TryParse(name, out var repository))
        {
            return repository;
        }

        await RegistryErrorWriter.WriteAsync(context, new RegistryException(RegistryErrorCode.NameInvalid, $"Invalid repository name '{name}'.", new { name }));
        return null;
    }
}
