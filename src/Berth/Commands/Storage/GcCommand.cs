using System.CommandLine;
using System.Globalization;
using Berth.Registry.GarbageCollection;
using Spectre.Console;

namespace Berth.Commands.Storage;

/// <summary>berth gc [--dry-run]: one online garbage collection run against the configured store (docs/gc.md).</summary>
internal static class GcCommand
{
    public static Command Create()
    {
        var dataDir = new Option<string?>("--data-dir") { Description = "The server's data directory (default ./data)." };
        var config = new Option<string?>("--config") { Description = "The server's JSON configuration file (storage driver and GarbageCollection settings)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Report what would be removed and how many bytes, and change nothing." };
        var command = new Command("gc", "Collect garbage: unreferenced blobs, old untagged manifests and stale uploads; safe while the registry serves.")
        {
            dataDir, config, dryRun,
        };
        StorageContext.SetAction(command, dataDir, config, async (result, services, cancellationToken) =>
        {
            var report = await services.GetRequiredService<GarbageCollector>().RunAsync(result.GetValue(dryRun), cancellationToken);
            if (Console.IsOutputRedirected)
            {
                AnsiConsole.Profile.Width = 200;
            }

            Print(report);
            return report.Skipped ? 2 : 0;
        });
        return command;
    }

    private static void Print(GarbageCollectionReport report)
    {
        if (report.Skipped)
        {
            AnsiConsole.MarkupLine("[yellow]Another garbage collection holds the store's lease; nothing was done.[/]");
            return;
        }

        if (report.DryRun)
        {
            foreach (var blob in report.DeletedBlobs)
            {
                AnsiConsole.WriteLine($"would delete blob {blob.Digest} ({blob.Size.ToString(CultureInfo.InvariantCulture)} bytes)");
            }

            foreach (var manifest in report.DeletedManifests)
            {
                AnsiConsole.WriteLine($"would delete manifest {manifest.Repository}@{manifest.Digest}");
            }

            foreach (var upload in report.PurgedUploads)
            {
                AnsiConsole.WriteLine($"would purge upload {upload.Repository}/{upload.UploadId} (started {upload.StartedAt?.ToString("O", CultureInfo.InvariantCulture) ?? "unknown"})");
            }
        }

        var verb = report.DryRun ? "would delete" : "deleted";
        var table = new Table().AddColumn("garbage collection " + report.RunId).AddColumn(new TableColumn("").RightAligned());
        table.AddRow("repositories", Number(report.Repositories));
        table.AddRow("blob folders listed", Number(report.BlobsScanned));
        table.AddRow("blobs in use", Number(report.BlobsInUse));
        table.AddRow($"blobs {verb}", Number(report.BlobsDeleted));
        table.AddRow($"bytes {verb}", Number(report.BytesDeleted));
        table.AddRow($"untagged manifests {verb}", Number(report.ManifestsDeleted));
        table.AddRow(report.DryRun ? "stale uploads to purge" : "stale uploads purged", Number(report.UploadsPurged));
        if (!report.DryRun)
        {
            table.AddRow("abandoned writes purged", Number(report.AbandonedWritesPurged));
        }

        table.AddRow("restored (pushed during the run)", Number(report.Restored));
        table.AddRow("duration", report.Duration.TotalSeconds.ToString("0.00 s", CultureInfo.InvariantCulture));
        AnsiConsole.Write(table);
    }

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
