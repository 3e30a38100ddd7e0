using System.CommandLine;
using Berth.Hosting;

namespace Berth.Commands;

/// <summary>berth serve: runs the registry and the index (or one of them) on Kestrel.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var listen = new Option<string?>("--listen") { Description = "Address to listen on, host:port (default 127.0.0.1:5000)." };
        var dataDir = new Option<string?>("--data-dir") { Description = "Directory for data of the embedded defaults (default ./data)." };
        var storage = new Option<string?>("--storage") { Description = "Storage driver: filesystem (default), inmemory, s3, swift, azure, gcs or glance (settings in Storage:<Driver>:*, see docs/storage.md)." };
        var config = new Option<string?>("--config") { Description = "An extra JSON configuration file." };
        var role = new Option<string?>("--role") { Description = "all (default): registry and index; registry: only the registry (needs --index-url); index: only the index." };
        var indexUrl = new Option<string?>("--index-url") { Description = "The index's base URL, for --role registry (e.g. http://127.0.0.1:5001/)." };
        var auth = new Option<string?>("--auth") { Description = "token (default), htpasswd (needs Auth:HtpasswdPath) or none (an open registry)." };
        var mirrorOf = new Option<string?>("--mirror-of") { Description = "Run as a pull-through cache of this registry URL (Mirror:Upstream; credentials in Mirror:Username/Password)." };

        var command = new Command("serve", "Run the registry server.") { listen, dataDir, storage, config, role, indexUrl, auth, mirrorOf };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (result, cancellationToken) =>
        {
            var overrides = new Dictionary<string, string?>();
            AddIfSet(overrides, BerthOptions.SectionName + ":Listen", result.GetValue(listen));
            AddIfSet(overrides, BerthOptions.SectionName + ":DataDirectory", result.GetValue(dataDir));
            AddIfSet(overrides, "Storage:Driver", result.GetValue(storage));
            AddIfSet(overrides, BerthOptions.SectionName + ":Role", result.GetValue(role));
            AddIfSet(overrides, "Auth:IndexUrl", result.GetValue(indexUrl));
            AddIfSet(overrides, "Auth:Mode", result.GetValue(auth));
            AddIfSet(overrides, "Mirror:Upstream", result.GetValue(mirrorOf));

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
