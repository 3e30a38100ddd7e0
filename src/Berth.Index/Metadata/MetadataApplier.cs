using Berth.Index.Data;
using Berth.Registry.Events;
using Berth.Registry.Names;
using Microsoft.EntityFrameworkCore;

namespace Berth.Index.Metadata;

/// <summary>
/// Applies a batch of registry events to the metadata: manifest pushes (record the manifest, move the tag), deletes
/// (drop the tag, or the manifest and its tags), and manifest pulls, counted per repository and added in one update.
/// Blob events change nothing a page shows.
/// </summary>
public sealed class MetadataApplier
{
    private readonly IndexDbContextFactory _db;
    private readonly IRegistryContentReader _registry;
    private readonly TimeProvider _time;

    public MetadataApplier(IndexDbContextFactory db, IRegistryContentReader registry, TimeProvider time)
    {
        _db = db;
        _registry = registry;
        _time = time;
    }

    /// <summary>Events of the registry in this process.</summary>
    public Task ApplyAsync(IReadOnlyList<RegistryEvent> events, CancellationToken cancellationToken) => ApplyAsync(events, _registry, cancellationToken);

    /// <summary>Events of the registry <paramref name="registry"/> reads; its repositories are recorded as living there.</summary>
    public async Task ApplyAsync(IReadOnlyList<RegistryEvent> events, IRegistryContentReader registry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(registry);
        await Gate.WaitAsync(cancellationToken);
        try
        {
            await ApplyLockedAsync(events, registry, cancellationToken);
        }
        finally
        {
            Gate.Release();
        }
    }

    private async Task ApplyLockedAsync(IReadOnlyList<RegistryEvent> events, IRegistryContentReader registry, CancellationToken cancellationToken)
    {
        await using var db = _db.Create();
        foreach (var e in events.Where(e => e.IsManifest && e.Action is RegistryEventAction.Push or RegistryEventAction.Delete))
        {
            if (!RepositoryName.TryParse(e.Repository, out var name))
            {
                continue;
            }

            if (e.Action == RegistryEventAction.Push)
            {
                await PushAsync(db, registry, name, e, cancellationToken);
            }
            else
            {
                await DeleteAsync(db, registry, name, e, cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        foreach (var pulls in events.Where(e => e.IsManifest && e.Action == RegistryEventAction.Pull).GroupBy(e => e.Repository, StringComparer.Ordinal))
        {
            var count = pulls.LongCount();
            var repository = pulls.Key;
            if (await db.Repositories.Where(r => r.Name == repository).ExecuteUpdateAsync(s => s.SetProperty(r => r.PullCount, r => r.PullCount + count), cancellationToken) == 0
                && RepositoryName.TryParse(repository, out var name))
            {
                var record = RepositoryRecord.Create(name, _time.GetUtcNow().UtcDateTime);
                record.PullCount = count;
                db.Repositories.Add(record);
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>Records a manifest and, when tag is given, points the tag at it; used by events and by the backfill.</summary>
    internal async Task RecordAsync(IndexDbContext db, IRegistryContentReader registry, RepositoryName name, string reference, string? tag, DateTime pushedAt, CancellationToken cancellationToken)
    {
        var repository = await EnsureRepositoryAsync(db, name, cancellationToken);
        var manifest = await registry.GetManifestAsync(name.Value, reference, cancellationToken);
        if (manifest is null)
        {
            return;
        }

        repository.RegistryName = registry.RegistryName;
        var row = await new ManifestIndexer(registry).IndexAsync(db, repository, manifest, pushedAt, cancellationToken);
        if (tag is not null)
        {
            var tagRow = await db.Tags.SingleOrDefaultAsync(t => t.RepositoryId == repository.Id && t.Name == tag, cancellationToken);
            if (tagRow is null)
            {
                tagRow = new TagRecord { RepositoryId = repository.Id, Name = tag, Digest = row.Digest, MediaType = row.MediaType };
                db.Tags.Add(tagRow);
            }

            tagRow.Digest = row.Digest;
            tagRow.MediaType = row.MediaType;
            tagRow.Size = row.TotalSize;
            tagRow.PushedAt = pushedAt;
            tagRow.CreatedAt = row.CreatedAt;
            tagRow.LabelsJson = row.LabelsJson;
            var platforms = row.ChildrenJson is not null
                ? MetadataJson.Descriptors(row.ChildrenJson).Select(c => c.Platform).OfType<string>().Where(p => p != "unknown/unknown").Distinct(StringComparer.Ordinal).ToList()
                : row.Platform is null ? [] : [row.Platform];
            tagRow.PlatformsJson = MetadataJson.Write(platforms);
            await RecordSiteTagAsync(db, registry, repository.Id, tag, row.Digest, pushedAt, cancellationToken);
        }

        repository.LastPushedAt = pushedAt;
        repository.UpdatedAt = pushedAt;
        await db.SaveChangesAsync(cancellationToken);
        repository.TotalSize = await TotalSizeAsync(db, repository.Id, cancellationToken);
    }

    /// <summary>Serialises writers (event batches and backfills), so two never race to create the same rows.</summary>
    internal SemaphoreSlim Gate { get; } = new(1, 1);

    internal async Task<RepositoryRecord> EnsureRepositoryAsync(IndexDbContext db, RepositoryName name, CancellationToken cancellationToken)
    {
        var repository = db.Repositories.Local.FirstOrDefault(r => r.Name == name.Value)
            ?? await db.Repositories.SingleOrDefaultAsync(r => r.Name == name.Value, cancellationToken);
        if (repository is not null)
        {
            return repository;
        }

        repository = RepositoryRecord.Create(name, _time.GetUtcNow().UtcDateTime);
        db.Repositories.Add(repository);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return repository;
        }
        catch (DbUpdateException)
        {
            // Created meanwhile by another writer (a visibility change from the admin CLI or another index node).
            db.Entry(repository).State = EntityState.Detached;
            return await db.Repositories.SingleAsync(r => r.Name == name.Value, cancellationToken);
        }
    }

    private async Task PushAsync(IndexDbContext db, IRegistryContentReader registry, RepositoryName name, RegistryEvent e, CancellationToken cancellationToken)
    {
        var reference = e.Digest?.ToString() ?? e.Tag;
        if (reference is not null)
        {
            await RecordAsync(db, registry, name, reference, e.Tag, e.Timestamp.UtcDateTime, cancellationToken);
        }
    }

    /// <summary>The id of a registered registry (a site); null for the registry in this process or one no longer registered.</summary>
    internal static async Task<long?> SiteIdAsync(IndexDbContext db, string? registryName, CancellationToken cancellationToken) =>
        registryName is null ? null : await db.Registries.Where(r => r.Name == registryName).Select(r => (long?)r.Id).SingleOrDefaultAsync(cancellationToken);

    /// <summary>Drops the repository's tags that no site holds any more and that the registry just read does not list.</summary>
    internal static Task<int> RemoveTagsNoSiteHoldsAsync(IndexDbContext db, long repositoryId, IQueryable<TagRecord> candidates, CancellationToken cancellationToken) =>
        candidates.Where(t => t.RepositoryId == repositoryId && !db.SiteTags.Any(s => s.RepositoryId == repositoryId && s.Tag == t.Name)).ExecuteDeleteAsync(cancellationToken);

    private static async Task RecordSiteTagAsync(IndexDbContext db, IRegistryContentReader registry, long repositoryId, string tag, string digest, DateTime pushedAt, CancellationToken cancellationToken)
    {
        if (await SiteIdAsync(db, registry.RegistryName, cancellationToken) is not { } siteId)
        {
            return;
        }

        var row = db.SiteTags.Local.FirstOrDefault(s => s.RepositoryId == repositoryId && s.RegistryId == siteId && s.Tag == tag)
            ?? await db.SiteTags.SingleOrDefaultAsync(s => s.RepositoryId == repositoryId && s.RegistryId == siteId && s.Tag == tag, cancellationToken);
        if (row is null)
        {
            row = new SiteTagRecord { RepositoryId = repositoryId, RegistryId = siteId, Tag = tag, Digest = digest };
            db.SiteTags.Add(row);
        }

        row.Digest = digest;
        row.PushedAt = pushedAt;
    }

    /// <summary>
    /// A delete in one registry: its site rows go, and the repository's tag (or manifest) too unless another site
    /// still holds it (a repository mirrored or replicated to several sites keeps what the others have).
    /// </summary>
    private static async Task DeleteAsync(IndexDbContext db, IRegistryContentReader registry, RepositoryName name, RegistryEvent e, CancellationToken cancellationToken)
    {
        var repository = await db.Repositories.SingleOrDefaultAsync(r => r.Name == name.Value, cancellationToken);
        if (repository is null)
        {
            return;
        }

        var siteId = await SiteIdAsync(db, registry.RegistryName, cancellationToken);
        var id = repository.Id;
        if (e.Tag is { } tag && e.Digest is null)
        {
            await db.SiteTags.Where(s => s.RepositoryId == id && s.RegistryId == siteId && s.Tag == tag).ExecuteDeleteAsync(cancellationToken);
            await RemoveTagsNoSiteHoldsAsync(db, id, db.Tags.Where(t => t.Name == tag), cancellationToken);
        }
        else if (e.Digest?.ToString() is { } digest)
        {
            await db.SiteTags.Where(s => s.RepositoryId == id && s.RegistryId == siteId && s.Digest == digest).ExecuteDeleteAsync(cancellationToken);
            await RemoveTagsNoSiteHoldsAsync(db, id, db.Tags.Where(t => t.Digest == digest), cancellationToken);
            await db.Manifests.Where(m => m.RepositoryId == id && m.Digest == digest && !db.SiteTags.Any(s => s.RepositoryId == id && s.Digest == digest))
                .ExecuteDeleteAsync(cancellationToken);
        }

        repository.UpdatedAt = e.Timestamp.UtcDateTime;
        repository.TotalSize = await TotalSizeAsync(db, repository.Id, cancellationToken);
    }

    /// <summary>Distinct blobs and manifests of the repository's recorded manifests, each counted once.</summary>
    private static async Task<long> TotalSizeAsync(IndexDbContext db, long repositoryId, CancellationToken cancellationToken)
    {
        var rows = await db.Manifests.AsNoTracking().Where(m => m.RepositoryId == repositoryId)
            .Select(m => new { m.Digest, m.Size, m.ConfigDigest, m.ConfigSize, m.LayersJson }).ToListAsync(cancellationToken);
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var m in rows)
        {
            sizes[m.Digest] = m.Size;
            if (m.ConfigDigest is not null)
            {
                sizes[m.ConfigDigest] = m.ConfigSize ?? 0;
            }

            foreach (var layer in MetadataJson.Descriptors(m.LayersJson))
            {
                sizes[layer.Digest] = layer.Size;
            }
        }

        return sizes.Values.Sum();
    }
}
