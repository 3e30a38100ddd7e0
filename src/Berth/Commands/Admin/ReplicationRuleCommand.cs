using System.CommandLine;
using Berth.Index.Data.Replication;
using Berth.Replication.Model;

namespace Berth.Commands.Admin;

/// <summary>berth replication rule add|list|remove|enable|disable.</summary>
internal static class ReplicationRuleCommand
{
    public static Command Create()
    {
        var command = new Command("rule", "What is replicated, where and when.");
        command.Subcommands.Add(Add());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Remove());
        command.Subcommands.Add(Enable("enable", true));
        command.Subcommands.Add(Enable("disable", false));
        return command;
    }

    private static Command Add()
    {
        var name = new Argument<string>("name");
        var target = new Option<string>("--target") { Description = "The target's name.", Required = true };
        var direction = new Option<ReplicationDirection>("--direction") { Description = "push (here → target) or pull (target → here)." };
        var repositories = new Option<string>("--repositories") { Description = "Glob over repository names ('*' one component, '**' any).", DefaultValueFactory = _ => "**" };
        var tags = new Option<string>("--tags") { Description = "Glob over tags.", DefaultValueFactory = _ => "*" };
        var kinds = new Option<ReplicationContentKinds>("--kinds") { Description = "images, indexes, artifacts (comma-separated).", DefaultValueFactory = _ => ReplicationContentKinds.All };
        var referrers = new Option<bool>("--referrers") { Description = "Also copy referrers (signatures, SBOMs)." };
        var destination = new Option<string?>("--dest-namespace") { Description = "Replace the first path component at the destination." };
        var trigger = new Option<ReplicationTrigger>("--trigger") { Description = "manual, event (push rules) or schedule." };
        var schedule = new Option<string?>("--schedule") { Description = "Cron expression (UTC) with --trigger schedule." };
        var deletes = new Option<bool>("--propagate-deletes") { Description = "Delete at the destination what is deleted at the source: as it happens (event rules) and at every full run (in the rule's filters)." };
        var bandwidth = new Option<long?>("--bandwidth") { Description = "Bytes per second one execution may read." };
        var concurrency = new Option<int>("--concurrency") { Description = "Blobs at once.", DefaultValueFactory = _ => 4 };
        var disabled = new Option<bool>("--disabled") { Description = "Add it turned off." };
        var command = new Command("add", "Add a rule.")
        {
            name, target, direction, repositories, tags, kinds, referrers, destination, trigger, schedule, deletes, bandwidth, concurrency, disabled,
        };
        AdminContext.SetAction(command, async (result, services, cancellationToken) =>
        {
            var view = await services.GetRequiredService<ReplicationRules>().AddAsync(
                new RuleSpec(
                    result.GetValue(name)!,
                    result.GetValue(target)!,
                    result.GetValue(direction),
                    result.GetValue(repositories)!,
                    result.GetValue(tags)!,
                    result.GetValue(kinds),
                    result.GetValue(referrers),
                    result.GetValue(destination),
                    result.GetValue(trigger),
                    result.GetValue(schedule),
                    result.GetValue(deletes),
                    result.GetValue(bandwidth),
                    result.GetValue(concurrency),
                    !result.GetValue(disabled)),
                cancellationToken);
            await Console.Out.WriteLineAsync($"Rule '{view.Name}' added.");
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List the rules.");
        AdminContext.SetAction(command, async (_, services, cancellationToken) =>
        {
            foreach (var r in await services.GetRequiredService<ReplicationRules>().ListAsync(cancellationToken))
            {
                await Console.Out.WriteLineAsync(
                    $"{r.Name}\t{r.Direction} {r.Target}\t{r.RepositoryFilter}:{r.TagFilter}\t{r.Trigger}{(r.Schedule is null ? string.Empty : " " + r.Schedule)}\t{(r.Enabled ? "enabled" : "disabled")}");
            }
        });
        return command;
    }

    private static Command Remove()
    {
        var name = new Argument<string>("name");
        var command = new Command("remove", "Remove a rule and its executions' records.") { name };
        AdminContext.SetAction(command, async (result, services, cancellationToken) =>
        {
            var removed = await services.GetRequiredService<ReplicationRules>().RemoveAsync(result.GetValue(name)!, cancellationToken);
            await Console.Out.WriteLineAsync(removed ? "Removed." : "No such rule.");
        });
        return command;
    }

    private static Command Enable(string verb, bool enabled)
    {
        var name = new Argument<string>("name");
        var command = new Command(verb, $"Turn a rule {(enabled ? "on" : "off")}.") { name };
        AdminContext.SetAction(command, async (result, services, cancellationToken) =>
        {
            var found = await services.GetRequiredService<ReplicationRules>().SetEnabledAsync(result.GetValue(name)!, enabled, cancellationToken);
            await Console.Out.WriteLineAsync(found ? $"Rule {verb}d." : "No such rule.");
        });
        return command;
    }
}
