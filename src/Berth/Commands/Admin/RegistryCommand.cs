using System.CommandLine;
using System.Globalization;
using Berth.Index.Sites;

namespace Berth.Commands.Admin;

/// <summary>berth registry add|list|remove|resync: the registries (sites) running apart that this index serves.</summary>
internal static class RegistryCommand
{
    public static Command Create()
    {
        var command = new Command("registry", "Manage the registries (sites) running apart from this index.") { AdminContext.DataDir, AdminContext.Config };
        command.Subcommands.Add(Add());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Remove());
        command.Subcommands.Add(Resync());
        return command;
    }

    private static Command Add()
    {
        var name = new Argument<string>("name") { Description = "The registry's Auth:Service: the audience of its tokens." };
        var url = new Option<string>("--url") { Description = "The registry's base URL as the index reaches it.", Required = true };
        var secret = new Option<string?>("--secret") { Description = "The event secret (IndexEvents:Secret on the registry); generated when left out." };
        var pullHost = new Option<string?>("--pull-host") { Description = "host[:port] clients pull from (default: the URL's)." };
        var command = new Command("add", "Register a registry; prints its event secret.") { name, url, secret, pullHost };
        AdminContext.SetAction(command, async (result, services, cancellationToken) =>
        {
            var address = Uri.TryCreate(result.GetValue(url), UriKind.Absolute, out var parsed)
                ? parsed
                : throw new Index.IndexException($"--url '{result.GetValue(url)}' is not an absolute URL.");
            var record = await services.GetRequiredService<RegistrySites>().AddAsync(
                result.GetValue(name)!, address, result.GetValue(secret), result.GetValue(pullHost), cancellationToken);
            await Console.Out.WriteLineAsync(record.EventSecret);
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List the registered registries and when each was last heard from.");
        AdminContext.SetAction(command, async (_, services, cancellationToken) =>
        {
            foreach (var r in await services.GetRequiredService<RegistrySites>().ListAsync(cancellationToken))
            {
                await Console.Out.WriteLineAsync($"{r.Name}\t{r.Url}\tlast event {Time(r.LastEventAt)}\tlast resync {Time(r.LastResyncAt)}{(r.LastError is null ? string.Empty : "\t" + r.LastError)}");
            }
        });
        return command;
    }

    private static Command Remove()
    {
        var name = new Argument<string>("name");
        var command = new Command("remove", "Remove a registry's registration: its events and tokens are refused from then on.") { name };
        AdminContext.SetAction(command, async (result, services, cancellationToken) =>
        {
            var removed = await services.GetRequiredService<RegistrySites>().RemoveAsync(result.GetValue(name)!, cancellationToken);
            await Console.Out.WriteLineAsync(removed ? "Removed." : "No such registry.");
        });
        return command;
    }

    private static Command Resync()
    {
        var name = new Argument<string>("name");
        var repository = new Option<string?>("--repository") { Description = "Only this repository (default: the whole catalog)." };
        var command = new Command("resync", "Read a registry's catalog and tags again, for events that were lost.") { name, repository };
        AdminContext.SetAction(command, async (result, services, cancellationToken) =>
        {
            var done = await services.GetRequiredService<RegistryResync>().RunAsync(result.GetValue(name)!, result.GetValue(repository), cancellationToken)
                ?? throw new Index.IndexException($"No registry named '{result.GetValue(name)}'.");
            await Console.Out.WriteLineAsync($"{done.Repositories} repositories, {done.Tags} tags.");
        });
        return command;
    }

    private static string Time(DateTime? value) => value?.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "never";
}
