using System.CommandLine;
using System.Globalization;
using Berth.Index.Data.Replication;
using Berth.Replication.Model;
using Berth.Replication.Queue;

namespace Berth.Commands.Admin;

/// <summary>
/// berth replication target|rule|run|list: replication targets and rules in the index database, runs queued for the
/// server's worker, and the executions' records (docs/replication.md).
/// </summary>
internal static class ReplicationCommand
{
    public static Command Create()
    {
        var command = new Command("replication", "Manage replication to and from other registries.") { AdminContext.DataDir, AdminContext.Config };
        command.Subcommands.Add(ReplicationTargetCommand.Create());
        command.Subcommands.Add(ReplicationRuleCommand.Create());
        command.Subcommands.Add(Run());
        command.Subcommands.Add(List());
        return command;
    }

    private static Command Run()
    {
        var rule = new Argument<string>("rule");
        var wait = new Option<bool>("--wait") { Description = "Wait until the server ran it, and exit 1 if it failed." };
        var command = new Command("run", "Queue a run of a rule's whole scope; the server's replication worker runs it.") { rule, wait };
        AdminContext.SetAction(command, async (result, services, cancellationToken) =>
        {
            var queue = services.GetRequiredService<ReplicationQueue>();
            var execution = await queue.RunAsync(result.GetValue(rule)!, cancellationToken)
                ?? throw new Index.IndexException($"No replication rule named '{result.GetValue(rule)}'.");
            await Console.Out.WriteLineAsync($"Execution {execution.Id} queued.");
            if (!result.GetValue(wait))
            {
                return;
            }

            while (execution.Status is not (ReplicationExecutionStatus.Succeeded or ReplicationExecutionStatus.Failed))
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                execution = await queue.FindAsync(execution.Id, cancellationToken) ?? throw new Index.IndexException("The execution was removed with its rule.");
            }

            await Console.Out.WriteLineAsync(Line(execution));
            if (execution.Status == ReplicationExecutionStatus.Failed)
            {
                throw new Index.IndexException(execution.Errors ?? "The execution failed.");
            }
        });
        return command;
    }

    private static Command List()
    {
        var rule = new Option<string?>("--rule") { Description = "Only this rule's executions." };
        var limit = new Option<int>("--limit") { Description = "How many, newest first.", DefaultValueFactory = _ => 20 };
        var command = new Command("list", "List the executions, newest first: status, what was copied, errors.") { rule, limit };
        AdminContext.SetAction(command, async (result, services, cancellationToken) =>
        {
            foreach (var execution in await services.GetRequiredService<ReplicationQueue>().ListAsync(result.GetValue(rule), Math.Clamp(result.GetValue(limit), 1, 500), cancellationToken))
            {
                await Console.Out.WriteLineAsync(Line(execution));
                if (execution.Errors is { } errors)
                {
                    await Console.Out.WriteLineAsync("  " + errors.Replace("\n", "\n  ", StringComparison.Ordinal));
                }
            }
        });
        return command;
    }

    private static string Line(ExecutionView x) => string.Create(
        CultureInfo.InvariantCulture,
        $"{x.Id}\t{x.Rule}\t{x.Trigger}\t{x.Status}\tattempts {x.Attempts}\t{(x.IsDelete ? "delete " : string.Empty)}{x.Repository ?? "(whole scope)"}{(x.Reference is null ? string.Empty : (x.Reference.Contains(':', StringComparison.Ordinal) ? "@" : ":") + x.Reference)}\t{x.ItemsCopied} copied, {x.ItemsSkipped} skipped, {x.ItemsFailed} failed, {x.Bytes} bytes");
}
