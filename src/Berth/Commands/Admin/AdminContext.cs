using System.CommandLine;
using System.Security.Cryptography;
using Berth.Hosting;
using Berth.Index;

namespace Berth.Commands.Admin;

/// <summary>
/// What the admin commands share: --data-dir and --config, the index's services built without a web server, and
/// migrations applied first. Refusals (IndexException) print their message and exit with 1.
/// </summary>
internal static class AdminContext
{
    public const string Actor = "cli";

    public static readonly Option<string?> DataDir = new("--data-dir") { Description = "The server's data directory (default ./data).", Recursive = true };

    public static readonly Option<string?> Config = new("--config") { Description = "An extra JSON configuration file.", Recursive = true };

    public static void SetAction(Command command, Func<ParseResult, IServiceProvider, CancellationToken, Task> action) =>
        command.SetAction(async (result, cancellationToken) =>
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = false, Args = [] });
            if (result.GetValue(Config) is { } config)
            {
                builder.Configuration.AddJsonFile(Path.GetFullPath(config), optional: false, reloadOnChange: false);
            }

            builder.Configuration.AddEnvironmentVariables("BERTH_");
            if (result.GetValue(DataDir) is { } dataDir)
            {
                builder.Configuration[BerthOptions.SectionName + ":DataDirectory"] = dataDir;
            }

            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            var berth = builder.Configuration.GetSection(BerthOptions.SectionName).Get<BerthOptions>() ?? new BerthOptions();
            builder.Services.AddBerthIndexCore(builder.Configuration, berth.DataDirectory);
            using var host = builder.Build();
            try
            {
                await host.Services.GetRequiredService<IndexInitializer>().InitializeAsync(bootstrap: false, cancellationToken);
                await action(result, host.Services, cancellationToken);
                return 0;
            }
            catch (IndexException e)
            {
                await Console.Error.WriteLineAsync(e.Message);
                return 1;
            }
        });

    /// <summary>The password from --password, from stdin with --password-stdin, or a generated one (printed by the caller).</summary>
    public static async Task<(string Password, bool Generated)> PasswordAsync(ParseResult result, Option<string?> password, Option<bool> fromStdin)
    {
        if (result.GetValue(fromStdin))
        {
            return ((await Console.In.ReadLineAsync())?.TrimEnd('\r', '\n') ?? string.Empty, false);
        }

        return result.GetValue(password) is { } given
            ? (given, false)
            : (Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_'), true);
    }
}
