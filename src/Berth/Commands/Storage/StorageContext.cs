using System.CommandLine;
using Berth.Hosting;
using Berth.Registry.GarbageCollection;

namespace Berth.Commands.Storage;

/// <summary>
/// What the storage commands (gc, fsck, repo delete, policies) share: the server's configuration
/// (<see cref="CommandHost"/>) and its storage driver and registry stores, without a web server.
/// </summary>
internal static class StorageContext
{
    public static void SetAction(
        Command command,
        Option<string?> dataDir,
        Option<string?> config,
        Func<ParseResult, IServiceProvider, CancellationToken, Task<int>> action,
        Option<string?>? storage = null)
    {
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (result, cancellationToken) =>
        {
            var settings = new Dictionary<string, string?>();
            if (storage is not null && result.GetValue(storage) is { } driver)
            {
                settings["Storage:Driver"] = driver;
            }

            var (builder, berth) = CommandHost.Create(result, config, dataDir, settings);
            builder.Services.AddBerthStorage(builder.Configuration, berth);
            builder.Services.AddGarbageCollection(builder.Configuration);
            using var host = builder.Build();
            return await action(result, host.Services, cancellationToken);
        });
    }
}
