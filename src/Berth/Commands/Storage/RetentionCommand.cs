using System.CommandLine;
using System.Globalization;
using Berth.Registry.Retention;
using Spectre.Console;

namespace Berth.Commands.Storage;

/// <summary>berth retention [--dry-run]: applies the retention rules of every namespace policy to the configured store.</summary>
internal static class RetentionCommand
{
    public static Command Create()
    {
        var dataDir = new Option<string?>("--data-dir") { Description = "The server's data directory (default ./data)." };
        var config = new Option<string?>("--config") { Description = "The server's JSON configuration file (storage driver settings)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "List the tags that would be removed, and change nothing." };
        var command = new Command("retention", "Remove the tags that namespace retention rules condemn (never immutable ones); berth gc then reclaims their content.")
        {
            dataDir, config, dryRun,
        };
        StorageContext.SetAction(command, dataDir, config, async (result, services, cancellationToken) =>
        {
            var report = await services.GetRequiredService<RetentionRunner>().RunAsync(result.GetValue(dryRun), cancellationToken);
            if (Console.IsOutputRedirected)
            {
                AnsiConsole.Profile.Width = 200;
            }

            Print(report);
            return report.Errors.Count > 0 ? 1 : 0;
        });
        return command;
    }

    private static void Print(RetentionReport report)
    {
        var verb = report.DryRun ? "would remove" : "removed";
        foreach (var tag in report.Removed)
        {
            AnsiConsole.WriteLine($"{verb} {tag.Repository}:{tag.Tag} ({tag.Digest}): {tag.Reason}");
        }

        foreach (var error in report.Errors)
        {
            AnsiConsole.WriteLine($"skipped {error}");
        }

        var table = new Table().AddColumn("retention " + report.RunId).AddColumn(new TableColumn("").RightAligned());
        table.AddRow("namespaces with rules", Number(report.Namespaces));
        table.AddRow("repositories", Number(report.Repositories));
        table.AddRow("tags scanned", Number(report.TagsScanned));
        table.AddRow("immutable tags (kept)", Number(report.Immutable));
        table.AddRow($"tags {verb}", Number(report.Removed.Count));
        table.AddRow("duration", report.Duration.TotalSeconds.ToString("0.00 s", CultureInfo.InvariantCulture));
        AnsiConsole.Write(table);
    }

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
