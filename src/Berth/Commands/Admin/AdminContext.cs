using System.CommandLine;
using System.Security.Cryptography;
using Berth.Index;
using Berth.Replication;

namespace Berth.Commands.Admin;

/// <summary>
/// What the admin commands share: the server's configuration (<see cref="CommandHost"/>), the index's services built
/// without a web server, and migrations applied first. Refusals (IndexException) print their message and exit with 1.
/// </summary>
internal static class AdminContext
{
    public const string Actor = "cli";

    public static readonly Option<string?> DataDir = new("--data-dir") { Description = "The server's data directory (default ./data).", Recursive = true };

    public static readonly Option<string?> Config = new("--config") { Description = "An extra JSON configuration file.", Recursive = true };

    public static void SetAction(Command command, Func<ParseResult, IServiceProvider, CancellationToken, Task> action)
    {
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (result, cancellationToken) =>
        {
            var (builder, berth) = CommandHost.Create(result, Config, DataDir);
            builder.Services.AddBerthIndexCore(builder.Configuration, berth.DataDirectory);
            builder.Services.AddReplicationCore(builder.Configuration);
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
    }

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
