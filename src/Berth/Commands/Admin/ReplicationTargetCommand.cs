using System.CommandLine;
using Berth.Index.Data.Replication;
using Berth.Replication.Execution;
using Berth.Replication.Model;

namespace Berth.Commands.Admin;

/// <summary>berth replication target add|list|remove|test.</summary>
internal static class ReplicationTargetCommand
{
    public static Command Create()
    {
        var command = new Command("target", "The registries replicated to or from.");
        command.Subcommands.Add(Add());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Remove());
        command.Subcommands.Add(Test());
        return command;
    }

    private static Command Add()
    {
        var name = new Argument<string>("name");
        var url = new Option<string>("--url") { Description = "The registry's base URL, e.g. https://registry.example.com/.", Required = true };
        var username = new Option<string?>("--username") { Description = "Basic credentials (with --password-stdin): also used for a Bearer token service." };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password (or with --token, the token) from stdin." };
        var token = new Option<bool>("--token") { Description = "The secret read from stdin is a bearer token, sent as it is." };
        var skipVerify = new Option<bool>("--skip-tls-verify") { Description = "Accept any TLS certificate (test registries only)." };
        var caFile = new Option<FileInfo?>("--ca-file") { Description = "PEM file of the CA the registry's certificate chains to." };
        var command = new Command("add", "Add a target; secrets are read from stdin, never from the command line.") { name, url, username, passwordStdin, token, skipVerify, caFile };
        AdminContext.SetAction(command, async (result, services, cancellationToken) =>
        {
            var secret = result.GetValue(passwordStdin) ? (await Console.In.ReadLineAsync(cancellationToken))?.TrimEnd('\r', '\n') : null;
            var kind = result.GetValue(token) ? ReplicationCredentialKind.Token
                : result.GetValue(username) is not null ? ReplicationCredentialKind.Basic
                : ReplicationCredentialKind.None;
            var ca = result.GetValue(caFile) is { } file ? await File.ReadAllTextAsync(file.FullName, cancellationToken) : null;
            var view = await services.GetRequiredService<ReplicationTargets>().AddAsync(
                new TargetSpec(result.GetValue(name)!, result.GetValue(url)!, kind, result.GetValue(username), secret, result.GetValue(skipVerify), ca),
                cancellationToken);
            await Console.Out.WriteLineAsync($"Target '{view.Name}' added ({view.CredentialKind}).");
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List the targets (never their secrets).");
        AdminContext.SetAction(command, async (_, services, cancellationToken) =>
        {
            foreach (var t in await services.GetRequiredService<ReplicationTargets>().ListAsync(cancellationToken))
            {
                await Console.Out.WriteLineAsync($"{t.Name}\t{t.Url}\t{t.CredentialKind}{(t.Username is null ? string.Empty : " " + t.Username)}{(t.SkipTlsVerify ? "\tTLS not verified" : t.HasCaCertificate ? "\town CA" : string.Empty)}");
            }
        });
        return command;
    }

    private static Command Remove()
    {
        var name = new Argument<string>("name");
        var command = new Command("remove", "Remove a target no rule uses.") { name };
        AdminContext.SetAction(command, async (result, services, cancellationToken) =>
        {
            var removed = await services.GetRequiredService<ReplicationTargets>().RemoveAsync(result.GetValue(name)!, cancellationToken);
            await Console.Out.WriteLineAsync(removed ? "Removed." : "No such target.");
        });
        return command;
    }

    private static Command Test()
    {
        var name = new Argument<string>("name");
        var command = new Command("test", "Check that the target answers and accepts its credentials (exit 1 when not).") { name };
        AdminContext.SetAction(command, async (result, services, cancellationToken) =>
        {
            var target = await services.GetRequiredService<ReplicationTargets>().FindAsync(result.GetValue(name)!, cancellationToken)
                ?? throw new Index.IndexException($"No replication target named '{result.GetValue(name)}'.");
            var check = await TargetConnectionTest.RunAsync(target, cancellationToken);
            if (!check.Reachable || !check.Authenticated)
            {
                throw new Index.IndexException(check.Message);
            }

            await Console.Out.WriteLineAsync(check.Message);
        });
        return command;
    }
}
