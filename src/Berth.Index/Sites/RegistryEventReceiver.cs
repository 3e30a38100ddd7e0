using Berth.Index.Data;
using Berth.Index.Metadata;
using Berth.Index.Tokens;
using Berth.Registry.Events;
using Berth.Registry.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Berth.Index.Sites;

/// <summary>
/// Applies an event batch a registered registry delivered: the signature is checked with that registry's secret, ids
/// already applied are skipped (delivery is at least once, and a replayed batch must change nothing), the rest is
/// applied with manifests read from that registry, then their ids and the registry's last-heard time are recorded.
/// One registry's batches are applied one at a time, so its events keep their order and a batch sent again while the
/// first delivery is still being applied finds the first's ids; batches of different registries are applied together.
/// </summary>
internal sealed class RegistryEventReceiver
{
    /// <summary>How long applied ids are kept: longer than any redelivery (the registry's queue retries for days at most).</summary>
    public static readonly TimeSpan RetainIds = TimeSpan.FromDays(7);

    private readonly IndexDbContextFactory _db;
    private readonly RegistryContentReaders _readers;
    private readonly MetadataApplier _applier;
    private readonly TimeProvider _time;
    /// <summary>How often old ids are pruned: a busy registry's every batch need not scan for them.</summary>
    private static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(10);

    private readonly KeyedLocks _registries = new();
    private long _prunedAtTicks;

    public RegistryEventReceiver(IndexDbContextFactory db, RegistryContentReaders readers, MetadataApplier applier, TimeProvider time)
    {
        _db = db;
        _readers = readers;
        _applier = applier;
        _time = time;
    }

    /// <summary>Checks and applies a batch; <see cref="FormatException"/> when the body is no envelope.</summary>
    public async Task<(RegistryEventOutcome Outcome, int Applied)> ReceiveAsync(string? registryName, ReadOnlyMemory<byte> body, string? signature, CancellationToken cancellationToken)
    {
        RegistryRecord? registry = null;
        if (registryName is not null)
        {
            await using var db = _db.Create();
            registry = await db.Registries.AsNoTracking().SingleOrDefaultAsync(r => r.Name == registryName, cancellationToken);
        }

        if (registry is null)
        {
            return (RegistryEventOutcome.UnknownRegistry, 0);
        }

        if (!NotificationSigner.Verify(registry.EventSecret, body.Span, signature))
        {
            return (RegistryEventOutcome.BadSignature, 0);
        }

        var events = NotificationEnvelopeReader.Read(body);
        var reader = await _readers.ForAsync(registry.Name, cancellationToken)
            ?? throw new InvalidOperationException($"Registry '{registry.Name}' was removed while its events were applied.");
        using var turn = await _registries.AcquireAsync(registry.Name, cancellationToken);
        var fresh = await FreshAsync(registry.Id, events, cancellationToken);
        await _applier.ApplyAsync(fresh, reader, cancellationToken);
        await RecordAsync(registry.Id, fresh, events, cancellationToken);
        return (RegistryEventOutcome.Applied, fresh.Count);
    }

    /// <summary>The events whose ids were not applied yet, each id once; the index's own reads are not pulls anyone made.</summary>
    private async Task<List<RegistryEvent>> FreshAsync(long registryId, IReadOnlyList<RegistryEvent> events, CancellationToken cancellationToken)
    {
        events = [.. events.Where(e => !(e.Action == RegistryEventAction.Pull && e.Actor == TokenIssuer.IndexSubject))];
        var ids = events.Select(e => e.Id).Distinct(StringComparer.Ordinal).ToList();
        await using var db = _db.Create();
        var seen = (await db.ReceivedEvents.AsNoTracking().Where(r => r.RegistryId == registryId && ids.Contains(r.EventId)).Select(r => r.EventId)
            .ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        return [.. events.Where(e => seen.Add(e.Id))];
    }

    /// <summary>The batch's ids and the registry's last-heard time, in one commit; ids past <see cref="RetainIds"/> pruned now and then.</summary>
    private async Task RecordAsync(long registryId, List<RegistryEvent> fresh, IReadOnlyList<RegistryEvent> all, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        await using var db = _db.Create();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.ReceivedEvents.AddRange(fresh.Select(e => new ReceivedEventRecord { RegistryId = registryId, EventId = e.Id, ReceivedAt = now }));
        await db.SaveChangesAsync(cancellationToken);
        DateTime? newest = all.Count == 0 ? null : all.Max(e => e.Timestamp).UtcDateTime;
        await db.Registries.Where(r => r.Id == registryId).ExecuteUpdateAsync(
            s => s.SetProperty(r => r.LastEventAt, now).SetProperty(r => r.LastEventTimestamp, r => newest ?? r.LastEventTimestamp).SetProperty(r => r.LastError, (string?)null),
            cancellationToken);
        if (now - new DateTime(Interlocked.Read(ref _prunedAtTicks), DateTimeKind.Utc) >= PruneEvery)
        {
            Interlocked.Exchange(ref _prunedAtTicks, now.Ticks);
            var cutoff = now - RetainIds;
            await db.ReceivedEvents.Where(r => r.ReceivedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
