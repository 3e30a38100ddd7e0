using Berth.Index.Data;
using Berth.Index.Data.Replication;
using Berth.Replication.Model;
using Berth.Replication.Queue;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Berth.Replication.Triggers;

/// <summary>
/// Queues the runs of scheduled rules whose time came. The rule's NextRunAt is moved on with a conditional UPDATE
/// (only from the value read), so of several nodes looking at once exactly one queues the run. A node that was down
/// over several occurrences queues one run, not one per missed occurrence.
/// </summary>
internal sealed class ReplicationScheduler(IndexDbContextFactory db, ReplicationQueue queue, TimeProvider time, ILogger<ReplicationScheduler> logger)
{
    public async Task FireDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        List<ReplicationRuleRecord> due;
        await using (var context = db.Create())
        {
            due = await context.ReplicationRules.AsNoTracking()
                .Where(r => r.Enabled && r.Trigger == ReplicationTrigger.Schedule && r.NextRunAt != null && r.NextRunAt <= now)
                .ToListAsync(cancellationToken);
        }

        foreach (var rule in due)
        {
            var next = ReplicationRules.ParseSchedule(rule.Schedule)?.GetNextOccurrence(now);
            await using var context = db.Create();
            var taken = await context.ReplicationRules.Where(r => r.Id == rule.Id && r.NextRunAt == rule.NextRunAt)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.NextRunAt, next), cancellationToken) == 1;
            if (taken)
            {
                await queue.EnqueueAsync([new ExecutionRequest(rule.Id, ReplicationTrigger.Schedule)], cancellationToken);
                Log.Scheduled(logger, rule.Name, next);
            }
        }
    }
}
