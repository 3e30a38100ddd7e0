using System.Text.RegularExpressions;
using Berth.Index;
using Berth.Index.Data;
using Berth.Index.Data.Replication;
using Berth.Registry.Policies;
using Cronos;
using Microsoft.EntityFrameworkCore;

namespace Berth.Replication.Model;

/// <summary>The replication rules in the index database: added, listed, enabled or disabled, removed.</summary>
public sealed partial class ReplicationRules(IndexDbContextFactory db, TimeProvider time)
{
    public const int MaxConcurrency = 32;

    /// <summary>Adds a rule; <see cref="IndexException"/> says what is wrong with the spec.</summary>
    public async Task<RuleView> AddAsync(RuleSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var schedule = Validate(spec);
        await using var context = db.Create();
        var target = await context.ReplicationTargets.AsNoTracking().SingleOrDefaultAsync(t => t.Name == spec.Target, cancellationToken)
            ?? throw new IndexException($"There is no replication target named '{spec.Target}'.");
        if (await context.ReplicationRules.AnyAsync(r => r.Name == spec.Name, cancellationToken))
        {
            throw new IndexException($"A replication rule named '{spec.Name}' exists already.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var record = new ReplicationRuleRecord { Name = spec.Name, RepositoryFilter = spec.RepositoryFilter, TagFilter = spec.TagFilter, CreatedAt = now };
        Apply(record, spec, target.Id, schedule?.GetNextOccurrence(now));
        context.ReplicationRules.Add(record);
        await context.SaveChangesAsync(cancellationToken);
        return RuleView.Of(record, target.Name);
    }

    /// <summary>
    /// Changes a rule to the spec (its name stays; the spec's name is not read): null when there is none of that
    /// name, <see cref="IndexException"/> when the spec is wrong. Executions queued or running keep going.
    /// </summary>
    public async Task<RuleView?> UpdateAsync(string name, RuleSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        await using var context = db.Create();
        var record = await context.ReplicationRules.SingleOrDefaultAsync(r => r.Name == name, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var schedule = Validate(spec with { Name = name });
        var target = await context.ReplicationTargets.AsNoTracking().SingleOrDefaultAsync(t => t.Name == spec.Target, cancellationToken)
            ?? throw new IndexException($"There is no replication target named '{spec.Target}'.");
        var nextRun = record.Schedule == spec.Schedule && record.NextRunAt is { } kept ? kept : schedule?.GetNextOccurrence(time.GetUtcNow().UtcDateTime);
        Apply(record, spec, target.Id, nextRun);
        await context.SaveChangesAsync(cancellationToken);
        return RuleView.Of(record, target.Name);
    }

    public async Task<IReadOnlyList<RuleView>> ListAsync(CancellationToken cancellationToken)
    {
        await using var context = db.Create();
        var rows = await context.ReplicationRules.AsNoTracking()
            .Join(context.ReplicationTargets, r => r.TargetId, t => t.Id, (r, t) => new { Rule = r, Target = t.Name })
            .OrderBy(x => x.Rule.Name).ToListAsync(cancellationToken);
        return [.. rows.Select(x => RuleView.Of(x.Rule, x.Target))];
    }

    /// <summary>One rule as shown to administrators; null when there is none of that name.</summary>
    public async Task<RuleView?> GetAsync(string name, CancellationToken cancellationToken) =>
        (await ListAsync(cancellationToken)).FirstOrDefault(r => r.Name == name);

    internal async Task<ReplicationRuleRecord?> FindAsync(string name, CancellationToken cancellationToken)
    {
        await using var context = db.Create();
        return await context.ReplicationRules.AsNoTracking().SingleOrDefaultAsync(r => r.Name == name, cancellationToken);
    }

    /// <summary>Turns a rule on or off; false when there is none of that name.</summary>
    public async Task<bool> SetEnabledAsync(string name, bool enabled, CancellationToken cancellationToken)
    {
        await using var context = db.Create();
        return await context.ReplicationRules.Where(r => r.Name == name)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Enabled, enabled), cancellationToken) > 0;
    }

    /// <summary>Removes a rule and its executions' records; false when there is none of that name.</summary>
    public async Task<bool> RemoveAsync(string name, CancellationToken cancellationToken)
    {
        await using var context = db.Create();
        var rule = await context.ReplicationRules.SingleOrDefaultAsync(r => r.Name == name, cancellationToken);
        if (rule is null)
        {
            return false;
        }

        context.ReplicationRules.Remove(rule);
        await context.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The parsed schedule of a rule with one (UTC cron, 5 fields, or 6 with seconds).</summary>
    internal static CronExpression? ParseSchedule(string? schedule) => schedule is null
        ? null
        : CronExpression.Parse(schedule, schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);

    private static void Apply(ReplicationRuleRecord record, RuleSpec spec, long targetId, DateTime? nextRunAt)
    {
        record.TargetId = targetId;
        record.Direction = spec.Direction;
        record.RepositoryFilter = spec.RepositoryFilter;
        record.TagFilter = spec.TagFilter;
        record.ContentKinds = spec.ContentKinds;
        record.Referrers = spec.Referrers;
        record.DestinationNamespace = spec.DestinationNamespace;
        record.Trigger = spec.Trigger;
        record.Schedule = spec.Schedule;
        record.NextRunAt = nextRunAt;
        record.PropagateDeletes = spec.PropagateDeletes;
        record.BandwidthLimit = spec.BandwidthLimit;
        record.Concurrency = spec.Concurrency;
        record.Enabled = spec.Enabled;
    }

    private static CronExpression? Validate(RuleSpec spec)
    {
        if (!NamePattern().IsMatch(spec.Name) || spec.Name.Length > 64)
        {
            throw new IndexException($"Rule name '{spec.Name}' must be lowercase letters and digits separated by '.', '_' or '-' (at most 64).");
        }

        if (PolicyPattern.CheckRepositoryPattern(spec.RepositoryFilter) is { } repositoryProblem)
        {
            throw new IndexException($"Repository filter: {repositoryProblem}.");
        }

        if (PolicyPattern.CheckTagPattern(spec.TagFilter) is { } tagProblem)
        {
            throw new IndexException($"Tag filter: {tagProblem}.");
        }

        if (spec.DestinationNamespace is { } ns && (!NamespacePattern().IsMatch(ns) || ns.Length > 128))
        {
            throw new IndexException($"Destination namespace '{ns}' must be one path component of lowercase letters and digits (separators '.', '_', '-').");
        }

        if (spec.ContentKinds == 0 || (spec.ContentKinds & ~ReplicationContentKinds.All) != 0)
        {
            throw new IndexException("Content kinds must name at least one of Images, Indexes, Artifacts.");
        }

        if (spec.Concurrency is < 1 or > MaxConcurrency)
        {
            throw new IndexException($"Concurrency must be 1 to {MaxConcurrency} blobs at once.");
        }

        if (spec.BandwidthLimit is < 1024)
        {
            throw new IndexException("A bandwidth limit is at least 1024 bytes per second.");
        }

        if (spec.Trigger == ReplicationTrigger.Event && spec.Direction == ReplicationDirection.Pull)
        {
            throw new IndexException("A pull rule cannot be triggered by events (the target's events do not reach this registry); use a schedule.");
        }

        if ((spec.Trigger == ReplicationTrigger.Schedule) != (spec.Schedule is not null))
        {
            throw new IndexException("A schedule (cron, UTC) is given with the Schedule trigger, and only with it.");
        }

        try
        {
            return ParseSchedule(spec.Schedule);
        }
        catch (CronFormatException e)
        {
            throw new IndexException($"Schedule '{spec.Schedule}' is not a cron expression: {e.Message}");
        }
    }

    [GeneratedRegex("^[a-z0-9]+(?:[._-][a-z0-9]+)*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*$")]
    private static partial Regex NamespacePattern();
}
