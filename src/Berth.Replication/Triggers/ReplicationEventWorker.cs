using Berth.Index.Data;
using Berth.Index.Data.Replication;
using Berth.Registry.Events;
using Berth.Registry.Policies;
using Berth.Replication.Queue;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Berth.Replication.Triggers;

/// <summary>
/// Turns the registry's events into executions of the enabled, event-triggered push rules whose filters take them:
/// a push (by tag, or a referrer by digest when the rule copies referrers) queues a copy, a delete queues a delete
/// when the rule propagates deletes. Events are taken in batches; the rules are read once per batch.
/// </summary>
internal sealed class ReplicationEventWorker(ReplicationEventSink sink, IndexDbContextFactory db, ReplicationQueue queue, ILogger<ReplicationEventWorker> logger)
    : BackgroundService
{
    private const int MaxBatch = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<RegistryEvent>(MaxBatch);
        try
        {
            while (await sink.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < MaxBatch && sink.Reader.TryRead(out var e))
                {
                    batch.Add(e);
                }

                try
                {
                    await queue.EnqueueAsync(await MatchAsync(batch, stoppingToken), stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    Log.EventsFailed(logger, e, batch.Count);
                }

                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<List<ExecutionRequest>> MatchAsync(List<RegistryEvent> events, CancellationToken cancellationToken)
    {
        List<ReplicationRuleRecord> rules;
        await using (var context = db.Create())
        {
            rules = await context.ReplicationRules.AsNoTracking()
                .Where(r => r.Enabled && r.Trigger == ReplicationTrigger.Event && r.Direction == ReplicationDirection.Push)
                .ToListAsync(cancellationToken);
        }

        var requests = new List<ExecutionRequest>();
        foreach (var rule in rules)
        {
            foreach (var e in events.Where(e => PolicyPattern.IsMatch(rule.RepositoryFilter, e.Repository)))
            {
                if (Request(rule, e) is { } request && !requests.Contains(request))
                {
                    requests.Add(request);
                }
            }
        }

        return requests;
    }

    private static ExecutionRequest? Request(ReplicationRuleRecord rule, RegistryEvent e)
    {
        var isDelete = e.Action == RegistryEventAction.Delete;
        if (isDelete && !rule.PropagateDeletes)
        {
            return null;
        }

        if (e.Tag is { } tag)
        {
            return PolicyPattern.IsMatch(rule.TagFilter, tag) ? new ExecutionRequest(rule.Id, ReplicationTrigger.Event, e.Repository, tag, isDelete) : null;
        }

        // By digest: a delete of a manifest, or a push that may be a referrer (the executor copies only referrers so).
        return e.Digest is { } digest && (isDelete || rule.Referrers)
            ? new ExecutionRequest(rule.Id, ReplicationTrigger.Event, e.Repository, digest.ToString(), isDelete)
            : null;
    }
}
