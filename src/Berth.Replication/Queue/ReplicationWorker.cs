using System.Diagnostics;
using System.Threading.Channels;
using Berth.Index.Data;
using Berth.Index.Data.Replication;
using Berth.Replication.Execution;
using Berth.Replication.Triggers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.Replication.Queue;

/// <summary>
/// Takes executions from the durable queue (up to Replication:MaxConcurrentExecutions at once), runs them while
/// renewing their lease, and records each attempt; also fires the schedules. Woken at once by executions this node
/// queued, otherwise every Replication:PollInterval.
/// </summary>
internal sealed class ReplicationWorker(
    ReplicationQueue queue,
    ReplicationExecutor executor,
    ReplicationScheduler scheduler,
    IndexDbContextFactory db,
    ReplicationMetrics metrics,
    ReplicationWebhooks webhooks,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    IOptions<ReplicationOptions> options,
    ILogger<ReplicationWorker> logger) : BackgroundService
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly List<Task> _running = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        queue.Queued += Wake;
        try
        {
            // Executions reach this node's registry over its own listening address: not before the server listens.
            using (var started = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStarted, stoppingToken))
            {
                await Task.Delay(Timeout.Infinite, started.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            }

            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await scheduler.FireDueAsync(stoppingToken);
                    await StartClaimedAsync(stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    Log.WorkerFailed(logger, e);
                }

                await WaitAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            queue.Queued -= Wake;
            await Task.WhenAll(_running);
        }
    }

    private void Wake() => _wake.Writer.TryWrite(true);

    private async Task StartClaimedAsync(CancellationToken stoppingToken)
    {
        _running.RemoveAll(t => t.IsCompleted);
        while (_running.Count < options.Value.MaxConcurrentExecutions && await queue.ClaimAsync(stoppingToken) is { } execution)
        {
            _running.Add(RunAsync(execution, stoppingToken));
        }
    }

    /// <summary>Until the poll interval passed, an execution was queued here, or a running one ended (a slot is free).</summary>
    private async Task WaitAsync(CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(options.Value.PollInterval);
        var woken = _wake.Reader.WaitToReadAsync(timeout.Token).AsTask();
        await Task.WhenAny([woken, .. _running]);
        _wake.Reader.TryRead(out _);
        await timeout.CancelAsync();
        await woken.ContinueWith(_ => { }, TaskScheduler.Default);
        stoppingToken.ThrowIfCancellationRequested();
    }

    private async Task RunAsync(ReplicationExecutionRecord execution, CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            await RunAttemptAsync(execution, stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            // The database failed while recording: the lease expires and the execution is run again.
            Log.WorkerFailed(logger, e);
        }
    }

    private async Task RunAttemptAsync(ReplicationExecutionRecord execution, CancellationToken stoppingToken)
    {
        ReplicationRuleRecord? rule;
        ReplicationTargetRecord? target;
        await using (var context = db.Create())
        {
            rule = await context.ReplicationRules.AsNoTracking().SingleOrDefaultAsync(r => r.Id == execution.RuleId, stoppingToken);
            target = rule is null ? null : await context.ReplicationTargets.AsNoTracking().SingleOrDefaultAsync(t => t.Id == rule.TargetId, stoppingToken);
        }

        if (rule is null || target is null)
        {
            return;
        }

        using var lease = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var renewal = RenewAsync(execution.Id, lease);
        var started = Stopwatch.GetTimestamp();
        Log.Started(logger, execution.Id, rule.Name, execution.Attempts);
        metrics.Execution(rule.Name, "started");
        await webhooks.SendAsync("replication.started", rule, execution, null, stoppingToken);
        ExecutionOutcome outcome;
        try
        {
            outcome = await executor.RunAsync(execution, rule, target, lease.Token);
        }
        catch (OperationCanceledException)
        {
            await StopRenewingAsync(lease, renewal);
            if (stoppingToken.IsCancellationRequested)
            {
                // Shutting down: the next node (or this one, restarted) takes it over at once, its attempt count kept.
                await queue.ReleaseAsync(execution.Id, CancellationToken.None);
            }
            else
            {
                Log.LeaseLost(logger, execution.Id);
            }

            return;
        }
        catch (Exception e)
        {
            // Not an item's failure (those are in the outcome): the attempt failed as a whole, and is retried as any other.
            outcome = new ExecutionOutcome();
            outcome.Failed("execution", e);
        }

        await StopRenewingAsync(lease, renewal);
        var status = await queue.FinishAttemptAsync(execution, outcome, CancellationToken.None);
        Report(execution, rule, outcome, status, Stopwatch.GetElapsedTime(started));
        await webhooks.SendAsync(status switch
        {
            ReplicationExecutionStatus.Succeeded => "replication.finished",
            ReplicationExecutionStatus.Failed => "replication.failed",
            _ => "replication.retrying",
        }, rule, execution, outcome, CancellationToken.None);
    }

    private static async Task StopRenewingAsync(CancellationTokenSource lease, Task renewal)
    {
        await lease.CancelAsync();
        await renewal;
    }

    private void Report(ReplicationExecutionRecord execution, ReplicationRuleRecord rule, ExecutionOutcome outcome, ReplicationExecutionStatus status, TimeSpan elapsed)
    {
        var name = status switch
        {
            ReplicationExecutionStatus.Succeeded => "succeeded",
            ReplicationExecutionStatus.Failed => "failed",
            _ => "retried",
        };
        metrics.Execution(rule.Name, name);
        metrics.Duration(rule.Name, name, elapsed);
        switch (status)
        {
            case ReplicationExecutionStatus.Succeeded:
                Log.Finished(logger, execution.Id, rule.Name, outcome.ItemsCopied, outcome.ItemsSkipped, outcome.Bytes, elapsed.TotalSeconds);
                break;
            case ReplicationExecutionStatus.Failed:
                Log.FailedForGood(logger, execution.Id, rule.Name, execution.Attempts, outcome.ErrorText() ?? string.Empty);
                break;
            default:
                Log.WillRetry(logger, execution.Id, rule.Name, execution.Attempts, time.GetUtcNow().UtcDateTime + queue.RetryDelay(execution.Attempts), outcome.ErrorText() ?? string.Empty);
                break;
        }
    }

    /// <summary>Renews the lease at a third of its length; a lost lease cancels the work.</summary>
    private async Task RenewAsync(long id, CancellationTokenSource lease)
    {
        try
        {
            while (true)
            {
                await Task.Delay(options.Value.LeaseDuration / 3, time, lease.Token);
                bool renewed;
                try
                {
                    renewed = await queue.RenewAsync(id, lease.Token);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The database did not answer this time; the lease still runs, so try again at the next turn.
                    Log.WorkerFailed(logger, e);
                    continue;
                }

                if (!renewed)
                {
                    await lease.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
