using System.Diagnostics;
using Berth.Registry.Catalog;
using Berth.Registry.Events;
using Berth.Registry.Manifests;
using Berth.Registry.Names;
using Berth.Registry.Policies;
using Berth.Registry.Tags;
using Microsoft.Extensions.Logging;

namespace Berth.Registry.Retention;

/// <summary>
/// Applies the retention rules of every namespace policy: removes the tags they condemn (<see cref="RetentionPlanner"/>),
/// never an immutable one, and publishes a delete event per tag with actor <see cref="Actor"/>. Only tags go; the
/// manifests they leave untagged are garbage collection's, which removes them once older than its untagged age.
/// Runs on several nodes at once are harmless (deleting a deleted tag is a no-op) but each publishes its events.
/// </summary>
public sealed class RetentionRunner(
    NamespacePolicyStore policies,
    RepositoryCatalog catalog,
    TagStore tags,
    ManifestCache manifestCache,
    RegistryEventPublisher events,
    RetentionMetrics metrics,
    TimeProvider time,
    ILogger<RetentionRunner> logger)
{
    public const string Actor = "retention";

    public async Task<RetentionReport> RunAsync(bool dryRun, CancellationToken cancellationToken)
    {
        var runId = Guid.NewGuid().ToString("N")[..12];
        var stopwatch = Stopwatch.StartNew();
        var startedAt = time.GetUtcNow();
        Log.RunStarted(logger, runId, dryRun);
        try
        {
            var run = new Run(runId, dryRun, startedAt);
            foreach (var policy in await policies.ListAsync(cancellationToken))
            {
                if (policy.Retention.Count > 0)
                {
                    run.Namespaces++;
                    await ApplyAsync(run, policy, cancellationToken);
                }
            }

            var report = new RetentionReport
            {
                RunId = runId,
                DryRun = dryRun,
                StartedAt = startedAt,
                Duration = stopwatch.Elapsed,
                Namespaces = run.Namespaces,
                Repositories = run.Repositories,
                TagsScanned = run.TagsScanned,
                Immutable = run.Immutable,
                Removed = run.Removed,
                Errors = run.Errors,
            };
            metrics.Run("completed", dryRun);
            metrics.Completed(report);
            Log.RunFinished(logger, runId, (long)report.Duration.TotalMilliseconds, report.Removed.Count, report.TagsScanned, report.Repositories, report.Namespaces, dryRun);
            return report;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            metrics.Run("failed", dryRun);
            Log.RunFailed(logger, exception, runId);
            throw;
        }
    }

    private async Task ApplyAsync(Run run, NamespacePolicy policy, CancellationToken cancellationToken)
    {
        foreach (var repository in await catalog.ListNamespaceAsync(policy.Namespace, cancellationToken))
        {
            var rules = policy.RetentionFor(repository);
            if (rules.Count == 0)
            {
                continue;
            }

            try
            {
                run.Repositories++;
                await ApplyAsync(run, policy, repository, rules, cancellationToken);
            }
            catch (RegistryException exception)
            {
                // The repository was deleted while the run listed it, or a tag link is unreadable: the rest goes on.
                Log.Skipped(logger, exception, run.Id, repository.Value);
                run.Errors.Add($"{repository}: {exception.Message}");
            }
        }
    }

    private async Task ApplyAsync(Run run, NamespacePolicy policy, RepositoryName repository, IReadOnlyList<RetentionRule> rules, CancellationToken cancellationToken)
    {
        var states = new List<TagState>();
        foreach (var name in await tags.ListAsync(repository, cancellationToken))
        {
            var tag = Tag.Parse(name);
            if (await tags.ResolveAsync(repository, tag, cancellationToken) is { } digest
                && await tags.PushedAtAsync(repository, tag, cancellationToken) is { } pushedAt)
            {
                states.Add(new TagState(name, digest, pushedAt));
            }
        }

        run.TagsScanned += states.Count;
        var plan = RetentionPlanner.Plan(rules, states, tag => policy.FindImmutableRule(repository, tag) is not null, run.StartedAt);
        run.Immutable += plan.Immutable;
        foreach (var (state, reason) in plan.Removed)
        {
            if (run.DryRun)
            {
                Log.TagWouldBeRemoved(logger, run.Id, state.Tag, repository.Value, state.Digest, reason);
            }
            else if (!await RemoveAsync(run, repository, state, reason, cancellationToken))
            {
                continue;
            }

            run.Removed.Add(new RemovedTag(repository.Value, state.Tag, state.Digest, state.PushedAt, reason));
        }
    }

    private async Task<bool> RemoveAsync(Run run, RepositoryName repository, TagState state, string reason, CancellationToken cancellationToken)
    {
        // A push between the listing and now made the tag new again: the plan no longer holds for it. (A push landing
        // between this check and the delete is lost to retention; the window is one storage round trip.)
        var tag = Tag.Parse(state.Tag);
        if (await tags.PushedAtAsync(repository, tag, cancellationToken) != state.PushedAt
            || await tags.ResolveAsync(repository, tag, cancellationToken) != state.Digest)
        {
            Log.TagPushedMeanwhile(logger, run.Id, state.Tag, repository.Value);
            return false;
        }

        await tags.DeleteAsync(repository, tag, cancellationToken);
        manifestCache.Forget(repository);
        Log.TagRemoved(logger, run.Id, state.Tag, repository.Value, state.Digest, reason);
        if (events.HasSinks)
        {
            events.Publish(new RegistryEvent
            {
                Id = Guid.NewGuid().ToString("N"),
                Timestamp = time.GetUtcNow(),
                Action = RegistryEventAction.Delete,
                Repository = repository.Value,
                IsManifest = true,
                Tag = state.Tag,
                Actor = Actor,
            });
        }

        return true;
    }

    private sealed class Run(string id, bool dryRun, DateTimeOffset startedAt)
    {
        public string Id { get; } = id;

        public bool DryRun { get; } = dryRun;

        public DateTimeOffset StartedAt { get; } = startedAt;

        public int Namespaces { get; set; }

        public int Repositories { get; set; }

        public int TagsScanned { get; set; }

        public int Immutable { get; set; }

        public List<RemovedTag> Removed { get; } = [];

        public List<string> Errors { get; } = [];
    }
}
