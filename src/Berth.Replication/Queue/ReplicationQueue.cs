using Berth.Index.Data;
using Berth.Index.Data.Replication;
using Berth.Replication.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Berth.Replication.Queue;

/// <summary>
/// The durable queue of executions, in the index database so that nodes sharing it share the work. A node claims an
/// execution with one conditional UPDATE (no lease, or an expired one): of two nodes trying at once, one changes the
/// row and the other sees no row changed, so no execution runs on two nodes at once. The lease is renewed while the
/// execution runs; a node that died stops renewing, and the execution is taken over once the lease expired.
/// </summary>
public sealed class ReplicationQueue(IndexDbContextFactory db, TimeProvider time, IOptions<ReplicationOptions> options)
{
    private readonly ReplicationOptions _options = options.Value;

    /// <summary>This process's name in leases: the host and an id that changes at every start.</summary>
    public string Owner { get; } = (Environment.MachineName.Length > 30 ? Environment.MachineName[..30] : Environment.MachineName) + ":" + Guid.NewGuid().ToString("N");

    /// <summary>Raised after executions were queued by this process, so its worker looks at once.</summary>
    internal event Action? Queued;

    internal async Task<IReadOnlyList<long>> EnqueueAsync(IReadOnlyList<ExecutionRequest> requests, CancellationToken cancellationToken)
    {
        if (requests.Count == 0)
        {
            return [];
        }

        var now = time.GetUtcNow().UtcDateTime;
        var records = requests.Select(r => new ReplicationExecutionRecord
        {
            RuleId = r.RuleId,
            Trigger = r.Trigger,
            Repository = r.Repository,
            Reference = r.Reference,
            IsDelete = r.IsDelete,
            Status = ReplicationExecutionStatus.Queued,
            NotBefore = now,
            CreatedAt = now,
        }).ToList();
        await using (var context = db.Create())
        {
            context.ReplicationExecutions.AddRange(records);
            await context.SaveChangesAsync(cancellationToken);
        }

        Queued?.Invoke();
        return [.. records.Select(r => r.Id)];
    }

    /// <summary>Queues a run of a rule's whole scope by hand; null when there is no rule of that name.</summary>
    public async Task<ExecutionView?> RunAsync(string ruleName, CancellationToken cancellationToken)
    {
        long ruleId;
        await using (var context = db.Create())
        {
            var rule = await context.ReplicationRules.AsNoTracking().SingleOrDefaultAsync(r => r.Name == ruleName, cancellationToken);
            if (rule is null)
            {
                return null;
            }

            ruleId = rule.Id;
        }

        var ids = await EnqueueAsync([new ExecutionRequest(ruleId, ReplicationTrigger.Manual)], cancellationToken);
        return await FindAsync(ids[0], cancellationToken);
    }

    /// <summary>The newest executions first, of one rule or all.</summary>
    public async Task<IReadOnlyList<ExecutionView>> ListAsync(string? ruleName, int limit, CancellationToken cancellationToken)
    {
        await using var context = db.Create();
        var query = context.ReplicationExecutions.AsNoTracking()
            .Join(context.ReplicationRules, x => x.RuleId, r => r.Id, (x, r) => new { Execution = x, Rule = r.Name });
        if (ruleName is not null)
        {
            query = query.Where(x => x.Rule == ruleName);
        }

        var rows = await query.OrderByDescending(x => x.Execution.Id).Take(limit).ToListAsync(cancellationToken);
        return [.. rows.Select(x => ExecutionView.Of(x.Execution, x.Rule))];
    }

    public async Task<ExecutionView?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var context = db.Create();
        var row = await context.ReplicationExecutions.AsNoTracking().Where(x => x.Id == id)
            .Join(context.ReplicationRules, x => x.RuleId, r => r.Id, (x, r) => new { Execution = x, Rule = r.Name })
            .SingleOrDefaultAsync(cancellationToken);
        return row is null ? null : ExecutionView.Of(row.Execution, row.Rule);
    }

    /// <summary>Claims the oldest execution that is due and not leased (or whose lease expired); null when there is none.</summary>
    internal async Task<ReplicationExecutionRecord?> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var context = db.Create();
        var now = time.GetUtcNow().UtcDateTime;
        var candidates = await context.ReplicationExecutions.AsNoTracking()
            .Where(x => (x.Status == ReplicationExecutionStatus.Queued || x.Status == ReplicationExecutionStatus.Running)
                && x.NotBefore <= now && (x.LeaseExpiresAt == null || x.LeaseExpiresAt < now))
            .OrderBy(x => x.Id).Select(x => x.Id).Take(8).ToListAsync(cancellationToken);
        foreach (var id in candidates)
        {
            var expires = now + _options.LeaseDuration;
            var claimed = await context.ReplicationExecutions
                .Where(x => x.Id == id && (x.Status == ReplicationExecutionStatus.Queued || x.Status == ReplicationExecutionStatus.Running)
                    && (x.LeaseExpiresAt == null || x.LeaseExpiresAt < now))
                .ExecuteUpdateAsync(
                    s => s.SetProperty(x => x.LeaseOwner, Owner)
                        .SetProperty(x => x.Node, Owner)
                        .SetProperty(x => x.LeaseExpiresAt, expires)
                        .SetProperty(x => x.Status, ReplicationExecutionStatus.Running)
                        .SetProperty(x => x.Attempts, x => x.Attempts + 1)
                        .SetProperty(x => x.StartedAt, x => x.StartedAt ?? now),
                    cancellationToken);
            if (claimed == 1)
            {
                return await context.ReplicationExecutions.AsNoTracking().SingleAsync(x => x.Id == id, cancellationToken);
            }
        }

        return null;
    }

    /// <summary>Extends this node's lease; false when the lease was lost (expired and taken over), so the work must stop.</summary>
    internal async Task<bool> RenewAsync(long id, CancellationToken cancellationToken)
    {
        await using var context = db.Create();
        var expires = time.GetUtcNow().UtcDateTime + _options.LeaseDuration;
        return await context.ReplicationExecutions.Where(x => x.Id == id && x.LeaseOwner == Owner && x.Status == ReplicationExecutionStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LeaseExpiresAt, expires), cancellationToken) == 1;
    }

    /// <summary>
    /// Records an attempt's outcome: succeeded, queued again after the back-off, or failed for good after the last
    /// attempt. Work done adds up over attempts; the errors are the last attempt's. Returns the new status.
    /// </summary>
    internal async Task<ReplicationExecutionStatus> FinishAttemptAsync(ReplicationExecutionRecord execution, ExecutionOutcome outcome, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var failed = outcome.Errors.Count > 0;
        var status = !failed ? ReplicationExecutionStatus.Succeeded
            : execution.Attempts >= _options.MaxAttempts ? ReplicationExecutionStatus.Failed
            : ReplicationExecutionStatus.Queued;
        var notBefore = status == ReplicationExecutionStatus.Queued ? now + RetryDelay(execution.Attempts) : execution.NotBefore;
        DateTime? finished = status == ReplicationExecutionStatus.Queued ? null : now;
        var errors = outcome.ErrorText();
        var items = outcome.ItemText();
        await using var context = db.Create();
        await context.ReplicationExecutions.Where(x => x.Id == execution.Id && x.LeaseOwner == Owner)
            .ExecuteUpdateAsync(
                s => s.SetProperty(x => x.Status, status)
                    .SetProperty(x => x.NotBefore, notBefore)
                    .SetProperty(x => x.FinishedAt, finished)
                    .SetProperty(x => x.LeaseOwner, (string?)null)
                    .SetProperty(x => x.LeaseExpiresAt, (DateTime?)null)
                    .SetProperty(x => x.Errors, errors)
                    .SetProperty(x => x.Items, items)
                    .SetProperty(x => x.ItemsFailed, outcome.Errors.Count)
                    .SetProperty(x => x.ItemsCopied, x => x.ItemsCopied + outcome.ItemsCopied)
                    .SetProperty(x => x.ItemsSkipped, x => x.ItemsSkipped + outcome.ItemsSkipped)
                    .SetProperty(x => x.BlobsCopied, x => x.BlobsCopied + outcome.BlobsCopied)
                    .SetProperty(x => x.BlobsSkipped, x => x.BlobsSkipped + outcome.BlobsSkipped)
                    .SetProperty(x => x.BlobsMounted, x => x.BlobsMounted + outcome.BlobsMounted)
                    .SetProperty(x => x.Bytes, x => x.Bytes + outcome.Bytes),
                cancellationToken);
        return status;
    }

    /// <summary>Gives an execution back to the queue at once (this node stops), keeping its attempt count.</summary>
    internal async Task ReleaseAsync(long id, CancellationToken cancellationToken)
    {
        await using var context = db.Create();
        await context.ReplicationExecutions.Where(x => x.Id == id && x.LeaseOwner == Owner)
            .ExecuteUpdateAsync(
                s => s.SetProperty(x => x.Status, ReplicationExecutionStatus.Queued)
                    .SetProperty(x => x.LeaseOwner, (string?)null)
                    .SetProperty(x => x.LeaseExpiresAt, (DateTime?)null),
                cancellationToken);
    }

    /// <summary>The pause before the attempt after <paramref name="attempts"/> failed ones: doubled each time, capped.</summary>
    internal TimeSpan RetryDelay(int attempts) =>
        TimeSpan.FromTicks((long)Math.Min(_options.MaxRetryDelay.Ticks, _options.RetryDelay.Ticks * Math.Pow(2, Math.Max(0, attempts - 1))));
}
