using System.CommandLine;
using Berth.Hosting;

namespace Berth.Commands;

/// <summary>berth serve: runs the registry (and, later, the index) on Kestrel.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var listen = new Option<string?>("--listen") { Description = "Address to listen on, host:port (default 127.0.0.1:5000)." };
        var dataDir = new Option<string?>("--data-dir") { Description = "Directory for data of the embedded defaults (default ./data)." };
        var storage = new Option<string?>("--storage") { Description = "Storage driver: filesystem (default) or inmemory." };
        var config = new Option<string?>("--config") { Description = "An extra JSON configuration file." };

        var command = new Command("serve", "Run the registry server.") { listen, dataDir, storage, config };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (result, cancellationToken) =>
        {
            var overrides = new Dictionary<string, string?>();
            AddIfSet(overrides, BerthOptions.SectionName + ":Listen", result.GetValue(listen));
            AddIfSet(overrides, BerthOptions.SectionName + ":DataDirectory", result.GetValue(dataDir));
            AddIfSet(overrides, "Storage:Driver", result.GetValue(storage));

            var app = BerthHost.Build(new BerthHostSettings
            {
                Args = [.. result.UnmatchedTokens],
                ConfigFile = result.GetValue(config),
                Overrides = overrides,
            });
            await app.RunAsync(cancellationToken);
            return 0;
        });
        return command;
    }

    private static void AddIfSet(Dictionary<string, string?> overrides, string key, string? value)
    {
        if (value is not null)
        {
            overrides[key] = value;
        }
    }
}
