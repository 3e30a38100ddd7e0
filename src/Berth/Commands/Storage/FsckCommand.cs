using System.CommandLine;
using System.Globalization;
using Berth.Registry.Consistency;
using Spectre.Console;

namespace Berth.Commands.Storage;

/// <summary>berth fsck: a read-only consistency check of the configured store; exit 0 when consistent, 1 with problems.</summary>
internal static class FsckCommand
{
    public static Command Create()
    {
        var dataDir = new Option<string?>("--data-dir") { Description = "The server's data directory (default ./data)." };
        var config = new Option<string?>("--config") { Description = "The server's JSON configuration file (storage driver settings)." };
        var storage = new Option<string?>("--storage") { Description = "Storage driver (filesystem, s3, swift, azure, inmemory); overrides Storage:Driver." };
        var noVerify = new Option<bool>("--no-verify-content") { Description = "Check links only; do not read every blob to compare its hash with its digest." };
        var concurrency = new Option<int>("--concurrency") { Description = "Storage calls and blob reads in flight at once.", DefaultValueFactory = _ => 8 };
        var staleAfter = new Option<TimeSpan>("--stale-uploads")
        {
            Description = "List uploads started longer ago than this (e.g. 1.00:00:00).",
            DefaultValueFactory = _ => TimeSpan.FromDays(1),
        };
        var command = new Command("fsck", "Check the store: every link points at stored content and every blob matches its digest. Changes nothing.")
        {
            dataDir, config, storage, noVerify, concurrency, staleAfter,
        };
        StorageContext.SetAction(
            command,
            dataDir,
            config,
            async (result, services, cancellationToken) =>
            {
                var options = new StoreCheckOptions
                {
                    VerifyContent = !result.GetValue(noVerify),
                    Concurrency = Math.Clamp(result.GetValue(concurrency), 1, 256),
                    StaleUploadAge = result.GetValue(staleAfter),
                };
                var report = await services.GetRequiredService<StoreChecker>().CheckAsync(options, cancellationToken);
                if (Console.IsOutputRedirected)
                {
                    AnsiConsole.Profile.Width = 200;
                }

                Print(report);
                return report.IsConsistent ? 0 : 1;
            },
            storage);
        return command;
    }

    private static void Print(StoreCheckReport report)
    {
        foreach (var problem in report.Problems)
        {
            AnsiConsole.WriteLine($"problem {problem.Kind}: {problem.Path}: {problem.Detail}");
        }

        foreach (var upload in report.StaleUploads)
        {
            AnsiConsole.WriteLine($"stale upload {upload.Repository}/{upload.UploadId} (started {upload.StartedAt?.ToString("O", CultureInfo.InvariantCulture) ?? "unknown"})");
        }

        var table = new Table().AddColumn("store check").AddColumn(new TableColumn("").RightAligned());
        table.AddRow("repositories", Number(report.Repositories));
        table.AddRow("tags", Number(report.Tags));
        table.AddRow("manifest revisions", Number(report.Revisions));
        table.AddRow("layer links", Number(report.LayerLinks));
        table.AddRow("layer links to collected content (left by gc, not a problem)", Number(report.CollectedLayerLinks));
        table.AddRow("absent children of sparse indexes (allowed, not a problem)", Number(report.AbsentIndexChildren));
        table.AddRow("referrer links", Number(report.ReferrerLinks));
        table.AddRow("blobs verified", report.ContentVerified ? Number(report.BlobsVerified) : "skipped (--no-verify-content)");
        table.AddRow("bytes verified", report.ContentVerified ? Number(report.BytesVerified) : "-");
        table.AddRow("stale uploads", Number(report.StaleUploads.Count));
        table.AddRow("problems", Number(report.Problems.Count));
        table.AddRow("duration", report.Duration.TotalSeconds.ToString("0.00 s", CultureInfo.InvariantCulture));
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(report.IsConsistent ? "[green]consistent[/]" : $"[red]{report.Problems.Count} problems[/]");
    }

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
