using System.CommandLine;
using Berth.Commands.Admin;
using Berth.Registry.Names;
using Berth.Registry.Repositories;

namespace Berth.Commands.Storage;

/// <summary>berth repo delete NAME: removes a repository from storage; its blobs go at the next garbage collection.</summary>
internal static class RepositoryDeleteCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("repository") { Description = "The repository, e.g. team/app (nested repositories such as team/app/tools are kept)." };
        var command = new Command("delete", "Delete a repository's tags, manifests, layer links and uploads from storage.") { name };
        StorageContext.SetAction(command, AdminContext.DataDir, AdminContext.Config, async (result, services, cancellationToken) =>
        {
            if (!RepositoryName.TryParse(result.GetValue(name), out var repository))
            {
                await Console.Error.WriteLineAsync($"'{result.GetValue(name)}' is not a repository name.");
                return 1;
            }

            if (!await services.GetRequiredService<RepositoryStore>().DeleteAsync(repository, cancellationToken))
            {
                await Console.Error.WriteLineAsync($"Repository '{repository}' does not exist.");
                return 1;
            }

            await Console.Out.WriteLineAsync($"Deleted {repository}; run berth gc (or wait for the scheduled run) to reclaim its blobs.");
            return 0;
        });
        return command;
    }
}
