using System.Globalization;
using ScottPlot;

namespace Berth.Bench.Reporting;

/// <summary>
/// Throughput (left axis, solid) and p99 latency (right axis, dashed) against concurrency, one colour per report,
/// so several registries measured by the same scenario can be compared in one picture. PNG or SVG by extension.
/// </summary>
internal static class BenchChart
{
    public static void Write(string path, IReadOnlyList<BenchReport> reports, string? title = null)
    {
        var levels = reports.SelectMany(r => r.Levels.Select(l => l.Concurrency)).Distinct().Order().ToArray();
        var position = levels.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => (double)p.i);
        var byteRate = reports.All(r => r.Levels.Sum(l => l.Bytes) / Math.Max(1, r.Levels.Sum(l => l.Requests)) > 64 * 1024);
        var palette = new ScottPlot.Palettes.Category10();

        var plot = new Plot();
        for (var i = 0; i < reports.Count; i++)
        {
            var report = reports[i];
            var xs = report.Levels.Select(l => position[l.Concurrency]).ToArray();
            var throughput = plot.Add.Scatter(xs, report.Levels.Select(l => byteRate ? l.MegabytesPerSecond : l.RequestsPerSecond).ToArray());
            throughput.LegendText = report.Label + (byteRate ? " MB/s" : " req/s");
            throughput.Color = palette.GetColor(i);
            throughput.LineWidth = 2;
            throughput.MarkerSize = 7;

            var latency = plot.Add.Scatter(xs, report.Levels.Select(l => l.Latency.P99).ToArray());
            latency.LegendText = report.Label + " p99 ms";
            latency.Color = palette.GetColor(i);
            latency.LinePattern = LinePattern.Dashed;
            latency.MarkerSize = 5;
            latency.Axes.YAxis = plot.Axes.Right;
        }

        plot.Axes.Bottom.SetTicks([.. levels.Select(c => position[c])], [.. levels.Select(c => c.ToString(CultureInfo.InvariantCulture))]);
        plot.XLabel("concurrent clients");
        plot.YLabel(byteRate ? "throughput (MB/s)" : "throughput (requests/s)");
        plot.Axes.Right.Label.Text = "p99 latency (ms, dashed)";
        plot.Title(title ?? string.Join(" vs ", reports.Select(r => r.Label)) + ": " + reports[0].Scenario);
        plot.Axes.AutoScale();
        plot.Axes.SetLimitsY(0, plot.Axes.GetLimits().Top * 1.05, plot.Axes.Left);
        plot.Axes.SetLimitsY(0, plot.Axes.GetLimits(plot.Axes.Bottom, plot.Axes.Right).Top * 1.05, plot.Axes.Right);
        plot.ShowLegend(Alignment.UpperLeft);

        ChartFile.Save(plot, path);
    }
}
