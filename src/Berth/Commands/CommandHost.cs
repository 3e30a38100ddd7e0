using System.CommandLine;
using Berth.Hosting;

namespace Berth.Commands;

/// <summary>
/// The host of a CLI command: the server's configuration through <see cref="BerthConfiguration"/> (--config, BERTH_
/// variables, Section:Key=value tokens, --data-dir and the command's own settings), no web server, warnings only.
/// </summary>
internal static class CommandHost
{
    public static (HostApplicationBuilder Builder, BerthOptions Berth) Create(
        ParseResult result,
        Option<string?> config,
        Option<string?> dataDir,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var overrides = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        if (result.GetValue(dataDir) is { } directory)
        {
            overrides[BerthOptions.SectionName + ":DataDirectory"] = directory;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        var berth = BerthConfiguration.Apply(builder, new BerthHostSettings
        {
            Args = [.. result.UnmatchedTokens],
            ConfigFile = result.GetValue(config),
            Overrides = overrides,
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        return (builder, berth);
    }
}
