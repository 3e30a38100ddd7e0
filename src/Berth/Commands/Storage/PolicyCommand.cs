using System.CommandLine;
using System.Text.Json;
using Berth.Commands.Admin;
using Berth.Registry.Policies;

namespace Berth.Commands.Storage;

/// <summary>
/// berth policy list | get NAMESPACE | set NAMESPACE FILE | delete NAMESPACE: namespace policies (immutable tags,
/// retention) read and written in the configured store, as the admin API does; running servers see a change within
/// <see cref="NamespacePolicyStore.CacheDuration"/>.
/// </summary>
internal static class PolicyCommand
{
    public static Command Create() =>
        new("policy", "Show or change namespace policies: immutable tags and retention rules (docs/gc.md).")
        {
            AdminContext.DataDir, AdminContext.Config, List(), Get(), Set(), Delete(),
        };

    private static Command List()
    {
        var command = new Command("list", "Print every namespace policy as JSON.");
        StorageContext.SetAction(command, AdminContext.DataDir, AdminContext.Config, async (_, services, cancellationToken) =>
        {
            var policies = await services.GetRequiredService<NamespacePolicyStore>().ListAsync(cancellationToken);
            await Console.Out.WriteLineAsync(JsonSerializer.Serialize(policies, PolicyJsonContext.Default.IReadOnlyListNamespacePolicy));
            return 0;
        });
        return command;
    }

    private static Command Get()
    {
        var name = NamespaceArgument();
        var command = new Command("get", "Print the policy of a namespace as JSON.") { name };
        StorageContext.SetAction(command, AdminContext.DataDir, AdminContext.Config, async (result, services, cancellationToken) =>
        {
            if (await services.GetRequiredService<NamespacePolicyStore>().GetAsync(result.GetRequiredValue(name), cancellationToken) is not { } policy)
            {
                await Console.Error.WriteLineAsync($"Namespace '{result.GetValue(name)}' has no policy.");
                return 1;
            }

            await Console.Out.WriteLineAsync(JsonSerializer.Serialize(policy, PolicyJsonContext.Default.NamespacePolicy));
            return 0;
        });
        return command;
    }

    private static Command Set()
    {
        var name = NamespaceArgument();
        var file = new Argument<string>("file") { Description = "The policy JSON file ('-' for standard input)." };
        var command = new Command("set", "Validate a policy JSON document and store it for a namespace, replacing any.") { name, file };
        StorageContext.SetAction(command, AdminContext.DataDir, AdminContext.Config, async (result, services, cancellationToken) =>
        {
            var path = result.GetRequiredValue(file);
            NamespacePolicy policy;
            try
            {
                await using var input = path == "-" ? Console.OpenStandardInput() : File.OpenRead(path);
                policy = await JsonSerializer.DeserializeAsync(input, PolicyJsonContext.Default.NamespacePolicy, cancellationToken) ?? new NamespacePolicy();
            }
            catch (Exception exception) when (exception is JsonException or IOException)
            {
                await Console.Error.WriteLineAsync($"{path} is not a policy document: {exception.Message}");
                return 1;
            }

            try
            {
                var stored = await services.GetRequiredService<NamespacePolicyStore>().PutAsync(result.GetRequiredValue(name), policy, cancellationToken);
                await Console.Out.WriteLineAsync(JsonSerializer.Serialize(stored, PolicyJsonContext.Default.NamespacePolicy));
                return 0;
            }
            catch (PolicyValidationException exception)
            {
                foreach (var problem in exception.Problems)
                {
                    await Console.Error.WriteLineAsync(problem);
                }

                return 1;
            }
        });
        return command;
    }

    private static Command Delete()
    {
        var name = NamespaceArgument();
        var command = new Command("delete", "Remove the policy of a namespace.") { name };
        StorageContext.SetAction(command, AdminContext.DataDir, AdminContext.Config, async (result, services, cancellationToken) =>
        {
            if (!await services.GetRequiredService<NamespacePolicyStore>().DeleteAsync(result.GetRequiredValue(name), cancellationToken))
            {
                await Console.Error.WriteLineAsync($"Namespace '{result.GetValue(name)}' has no policy.");
                return 1;
            }

            return 0;
        });
        return command;
    }

    private static Argument<string> NamespaceArgument() => new("namespace") { Description = "The namespace: the first component of repository names (e.g. team for team/app)." };
}
