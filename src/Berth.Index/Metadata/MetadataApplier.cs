using Berth.Index.Data;
using Berth.Registry.Events;
using Berth.Registry.Names;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Berth.Index.Metadata;

/// <summary>
/// Applies a batch of registry events to the metadata: manifest pushes (record the manifest, move the tag), deletes
/// (drop the tag, or the manifest and its tags), and manifest pulls, counted per repository and added in one update.
/// Blob events change nothing a page shows. The manifests and config details the pushes carry are used as they are,
/// and the rest read ahead concurrently (<see cref="PrefetchingContentReader"/>); each
/// repository's events are applied in order under its lock, in one transaction per <see cref="EventsPerTransaction"/>
/// events, several repositories at once (one at a time on SQLite, which has one writer). Applying an event again, or
/// an older one after a newer, changes nothing: a tag moves, or is deleted, only by an event at least as new as its push.
/// </summary>
public sealed class MetadataApplier : IDisposable
{
    /// <summary>Events of one repository committed together: one commit (one fsync on SQLite) for many, yet a short hold on the writer lock.</summary>
    internal const int EventsPerTransaction = 50;

    private readonly IndexDbContextFactory _db;
    private readonly IRegistryContentReader _registry;
    private readonly TimeProvider _time;
    private readonly int _readConcurrency;
    private readonly int _writers;
    private readonly SemaphoreSlim _writerSlots;

    public MetadataApplier(IndexDbContextFactory db, IRegistryContentReader registry, IOptions<IndexOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _db = db;
        _registry = registry;
        _time = time;
        _readConcurrency = options.Value.EventReadConcurrency;
        _writers = options.Value.DatabaseProvider == DatabaseProvider.Sqlite ? 1 : options.Value.EventApplyConcurrency;
        _writerSlots = new SemaphoreSlim(_writers, _writers);
    }

    /// <summary>One writer per repository: event batches, backfills, resyncs and size reconciliation take turns on it.</summary>
    internal KeyedLocks Repositories { get; } = new();

    /// <summary>Events of the registry in this process.</summary>
    public Task ApplyAsync(IReadOnlyList<RegistryEvent> events, CancellationToken cancellationToken) => ApplyAsync(events, _registry, cancellationToken);

    /// <summary>Events of the registry <paramref name="registry"/> reads; its repositories are recorded as living there.</summary>
    public async Task ApplyAsync(IReadOnlyList<RegistryEvent> events, IRegistryContentReader registry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(registry);
        var applied = events.Where(e => e.IsManifest && e.Action is RegistryEventAction.Push or RegistryEventAction.Delete or RegistryEventAction.Pull).ToList();
        if (applied.Count == 0)
        {
            return;
        }

        await using var reader = new PrefetchingContentReader(registry, _readConcurrency, cancellationToken);
        reader.Prefetch(applied.Where(e => e.Action == RegistryEventAction.Push));
        var repositories = applied.GroupBy(e => e.Repository, StringComparer.Ordinal).Select(g => (Name: g.Key, Events: g.ToList()));
        await Parallel.ForEachAsync(
            repositories,
            new ParallelOptions { MaxDegreeOfParallelism = _writers, CancellationToken = cancellationToken },
            async (repository, ct) => await ApplyRepositoryAsync(repository.Name, repository.Events, reader, ct));
    }

    public void Dispose() => _writerSlots.Dispose();

    /// <summary>One repository's events, in the order they came.</summary>
    private async Task ApplyRepositoryAsync(string repository, List<RegistryEvent> events, IRegistryContentReader registry, CancellationToken cancellationToken)
    {
        if (!RepositoryName.TryParse(repository, out var name))
        {
            return;
        }

        using var turn = await Repositories.AcquireAsync(name.Value, cancellationToken);
        await _writerSlots.WaitAsync(cancellationToken);
        try
        {
            await using var db = _db.Create();
            foreach (var chunk in events.Chunk(EventsPerTransaction))
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                foreach (var e in chunk.Where(e => e.Action != RegistryEventAction.Pull))
                {
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

                await CountPullsAsync(db, name, chunk.LongCount(e => e.Action == RegistryEventAction.Pull), cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            _writerSlots.Release();
        }
    }

    private async Task CountPullsAsync(IndexDbContext db, RepositoryName name, long count, CancellationToken cancellationToken)
    {
        if (count == 0)
        {
            return;
        }

        var counted = db.Repositories.Where(r => r.Name == name.Value);
        if (await counted.ExecuteUpdateAsync(s => s.SetProperty(r => r.PullCount, r => r.PullCount + count), cancellationToken) == 0)
        {
            await RepositoryRows.FindOrCreateAsync(db, name, _time.GetUtcNow().UtcDateTime, cancellationToken);
            db.ChangeTracker.Clear();
            await counted.ExecuteUpdateAsync(s => s.SetProperty(r => r.PullCount, r => r.PullCount + count), cancellationToken);
        }
    }

    /// <summary>
    /// Records a manifest and, when tag is given, points the tag at it; used by events and by the backfill. An event's
    /// push moves a tag unless a newer push did; a tag the registry was <paramref name="observed"/> to hold (a backfill
    /// or resync, at the time <paramref name="pushedAt"/> it looked) moves when it points elsewhere and otherwise keeps
    /// the time of the push that put it there.
    /// </summary>
    internal async Task RecordAsync(IndexDbContext db, IRegistryContentReader registry, RepositoryName name, string reference, string? tag, DateTime pushedAt, bool observed, CancellationToken cancellationToken)
    {
        var repository = await RepositoryRows.FindOrCreateAsync(db, name, _time.GetUtcNow().UtcDateTime, cancellationToken);
        var manifest = await registry.GetManifestAsync(name.Value, reference, cancellationToken);
        if (manifest is null)
        {
            return;
        }

        // The registry applied last is where the repository lives; the times only move forward.
        repository.RegistryName = registry.RegistryName;
        if (repository.LastPushedAt is not { } last || pushedAt > last)
        {
            repository.LastPushedAt = pushedAt;
        }

        repository.UpdatedAt = pushedAt > repository.UpdatedAt ? pushedAt : repository.UpdatedAt;

        var row = await new ManifestIndexer(registry).IndexAsync(db, repository, manifest, pushedAt, cancellationToken);
        if (tag is not null)
        {
            await MoveTagAsync(db, repository.Id, tag, row, pushedAt, observed, cancellationToken);
            await RecordSiteTagAsync(db, registry, repository.Id, tag, row.Digest, pushedAt, observed, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Points the tag at the manifest, unless a newer push already moved it (events delivered out of order).</summary>
    private static async Task MoveTagAsync(IndexDbContext db, long repositoryId, string tag, ManifestRecord row, DateTime pushedAt, bool observed, CancellationToken cancellationToken)
    {
        var tagRow = await db.Tags.SingleOrDefaultAsync(t => t.RepositoryId == repositoryId && t.Name == tag, cancellationToken);
        if (tagRow is null)
        {
            tagRow = new TagRecord { RepositoryId = repositoryId, Name = tag, Digest = row.Digest, MediaType = row.MediaType };
            db.Tags.Add(tagRow);
        }
        else if (observed ? tagRow.Digest == row.Digest : tagRow.PushedAt > pushedAt)
        {
            return;
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
    }

    private async Task PushAsync(IndexDbContext db, IRegistryContentReader registry, RepositoryName name, RegistryEvent e, CancellationToken cancellationToken)
    {
        var reference = e.Digest?.ToString() ?? e.Tag;
        if (reference is not null)
        {
            await RecordAsync(db, registry, name, reference, e.Tag, e.Timestamp.UtcDateTime, observed: false, cancellationToken);
        }
    }

    /// <summary>The id of a registered registry (a site); null for the registry in this process or one no longer registered.</summary>
    internal static async Task<long?> SiteIdAsync(IndexDbContext db, string? registryName, CancellationToken cancellationToken) =>
        registryName is null ? null : await db.Registries.Where(r => r.Name == registryName).Select(r => (long?)r.Id).SingleOrDefaultAsync(cancellationToken);

    /// <summary>Drops the repository's tags that no site holds any more and that the registry just read does not list.</summary>
    internal static Task<int> RemoveTagsNoSiteHoldsAsync(IndexDbContext db, long repositoryId, IQueryable<TagRecord> candidates, CancellationToken cancellationToken) =>
        candidates.Where(t => t.RepositoryId == repositoryId && !db.SiteTags.Any(s => s.RepositoryId == repositoryId && s.Tag == t.Name)).ExecuteDeleteAsync(cancellationToken);

    private static async Task RecordSiteTagAsync(IndexDbContext db, IRegistryContentReader registry, long repositoryId, string tag, string digest, DateTime pushedAt, bool observed, CancellationToken cancellationToken)
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
        else if (observed ? row.Digest == digest : row.PushedAt > pushedAt)
        {
            return;
        }

        row.Digest = digest;
        row.PushedAt = pushedAt;
    }

    /// <summary>
    /// A delete in one registry: its site rows go, and the repository's tag (or manifest) too unless another site
    /// still holds it (a repository mirrored or replicated to several sites keeps what the others have). A tag pushed
    /// after the delete happened stays (the events came out of order), and so does a manifest a tag still points at.
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
        var at = e.Timestamp.UtcDateTime;

        // A site's own rows say what it held and since when; the registry in this process has only the repository's tags.
        var tags = siteId is null ? db.Tags.Where(t => t.PushedAt <= at) : db.Tags;
        if (e.Tag is { } tag && e.Digest is null)
        {
            await db.SiteTags.Where(s => s.RepositoryId == id && s.RegistryId == siteId && s.Tag == tag && s.PushedAt <= at).ExecuteDeleteAsync(cancellationToken);
            await RemoveTagsNoSiteHoldsAsync(db, id, tags.Where(t => t.Name == tag), cancellationToken);
        }
        else if (e.Digest?.ToString() is { } digest)
        {
            await db.SiteTags.Where(s => s.RepositoryId == id && s.RegistryId == siteId && s.Digest == digest && s.PushedAt <= at).ExecuteDeleteAsync(cancellationToken);
            await RemoveTagsNoSiteHoldsAsync(db, id, tags.Where(t => t.Digest == digest), cancellationToken);
            var gone = await db.Manifests.Where(m => m.RepositoryId == id && m.Digest == digest
                    && !db.SiteTags.Any(s => s.RepositoryId == id && s.Digest == digest) && !db.Tags.Any(t => t.RepositoryId == id && t.Digest == digest))
                .ToListAsync(cancellationToken);
            db.Manifests.RemoveRange(gone);
            await RepositorySizes.RemoveAsync(db, repository, gone, cancellationToken);
        }

        repository.UpdatedAt = at > repository.UpdatedAt ? at : repository.UpdatedAt;
    }
}
