using Berth.Index.Data;
using Berth.Registry.Names;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Berth.Index.Metadata;

/// <summary>
/// Indexes repositories the registry has but the index never heard of (pushed before metadata existed, or while
/// events were dropped): all of them at start, and any one on its first view.
/// </summary>
public sealed class MetadataBackfill
{
    private readonly IndexDbContextFactory _db;
    private readonly IRegistryContentReader _registry;
    private readonly MetadataApplier _applier;
    private readonly TimeProvider _time;
    private readonly ILogger<MetadataBackfill> _logger;

    public MetadataBackfill(IndexDbContextFactory db, IRegistryContentReader registry, MetadataApplier applier, TimeProvider time, ILogger<MetadataBackfill> logger)
    {
        _db = db;
        _registry = registry;
        _applier = applier;
        _time = time;
        _logger = logger;
    }

    /// <summary>Indexes every repository of the catalog that has no pushed metadata yet; returns how many.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        if (!_registry.IsAvailable)
        {
            return 0;
        }

        var names = await _registry.ListRepositoriesAsync(cancellationToken);
        HashSet<string> known;
        await using (var db = _db.Create())
        {
            known = (await db.Repositories.Where(r => r.LastPushedAt != null).Select(r => r.Name).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        }

        var count = 0;
        foreach (var name in names.Where(n => !known.Contains(n)))
        {
            if (await IndexRepositoryAsync(name, cancellationToken))
            {
                count++;
            }
        }

        if (count > 0)
        {
            Log.Backfilled(_logger, count);
        }

        return count;
    }

    /// <summary>Records every tag of one repository; false when the registry does not have it (or is not reachable).</summary>
    public Task<bool> IndexRepositoryAsync(string repository, CancellationToken cancellationToken) =>
        IndexRepositoryAsync(repository, _registry, cancellationToken);

    /// <summary>Records every tag of one repository of the given registry; false when it does not have it (or is not reachable).</summary>
    internal async Task<bool> IndexRepositoryAsync(string repository, IRegistryContentReader registry, CancellationToken cancellationToken) =>
        await SyncRepositoryAsync(repository, registry, cancellationToken) > 0;

    /// <summary>
    /// Makes the index's tags of one repository those the registry lists: each recorded again, the others removed.
    /// A repository the index never recorded and the registry has no tags of stays unrecorded. Returns the tag count.
    /// </summary>
    internal async Task<int> SyncRepositoryAsync(string repository, IRegistryContentReader registry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registry);
        if (!registry.IsAvailable || !RepositoryName.TryParse(repository, out var name))
        {
            return 0;
        }

        var tags = await registry.ListTagsAsync(name.Value, cancellationToken);
        using var turn = await _applier.Repositories.AcquireAsync(name.Value, cancellationToken);
        await using var db = _db.Create();
        if (tags.Count > 0)
        {
            var now = _time.GetUtcNow().UtcDateTime;
            foreach (var tag in tags)
            {
                await _applier.RecordAsync(db, registry, name, tag, tag, now, observed: true, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
            }
        }

        if (await db.Repositories.SingleOrDefaultAsync(r => r.Name == name.Value, cancellationToken) is { } record)
        {
            // This registry's own rows become exactly its list; a tag another site still holds stays.
            var listed = tags.ToList();
            if (await MetadataApplier.SiteIdAsync(db, registry.RegistryName, cancellationToken) is { } siteId)
            {
                await db.SiteTags.Where(s => s.RepositoryId == record.Id && s.RegistryId == siteId && !listed.Contains(s.Tag)).ExecuteDeleteAsync(cancellationToken);
            }

            await MetadataApplier.RemoveTagsNoSiteHoldsAsync(db, record.Id, db.Tags.Where(t => !listed.Contains(t.Name)), cancellationToken);

            // A resync is also when the repository's size is counted again from its manifests.
            await RepositorySizes.ReconcileAsync(db, record, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        return tags.Count;
    }
}
