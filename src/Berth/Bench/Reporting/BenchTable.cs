using System.Globalization;
using Spectre.Console;

namespace Berth.Bench.Reporting;

/// <summary>The result table printed after a run.</summary>
internal static class BenchTable
{
    public static Table Render(BenchReport report)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"[bold]{Markup.Escape(report.Label)}[/] {Markup.Escape(report.Scenario)} on {Markup.Escape(report.Registry)}");
        foreach (var column in new[] { "clients", "ops/s", "req/s", "MB/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "errors", "retries", "srv CPU s", "CPU s/GB", "srv RSS MiB" })
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        foreach (var level in report.Levels)
        {
            table.AddRow(
                level.Concurrency.ToString(CultureInfo.InvariantCulture),
                Number(level.OperationsPerSecond),
                Number(level.RequestsPerSecond),
                Number(level.MegabytesPerSecond),
                Number(level.Latency.P50),
                Number(level.Latency.P90),
                Number(level.Latency.P99),
                Number(level.Latency.Max),
                Markup.Escape(Errors(level)),
                Markup.Escape(Retries(level)),
                level.Server is null ? "-" : Number(level.Server.CpuSeconds),
                level.ServerCpuSecondsPerGigabyte is { } perGb ? Number(perGb) : "-",
                level.Server is null ? "-" : Number(Math.Max(level.Server.PeakRssMiB, level.Server.MaxSampledRssMiB)));
        }

        return table;
    }

    private static string Errors(BenchLevelResult level) =>
        level.ErrorCount == 0
            ? "0"
            : string.Join(", ", level.Errors.OrderByDescending(e => e.Value).Select(e => $"{e.Value} {e.Key}"));

    private static string Retries(BenchLevelResult level) =>
        level.RetryCount == 0
            ? "0"
            : string.Join(", ", level.Retries!.OrderByDescending(e => e.Value).Select(e => $"{e.Value} {e.Key}"));

    private static string Number(double value) => value switch
    {
        >= 100 => value.ToString("N0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("N1", CultureInfo.InvariantCulture),
        _ => value.ToString("N2", CultureInfo.InvariantCulture),
    };
}
