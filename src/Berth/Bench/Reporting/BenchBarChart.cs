using System.Globalization;
using ScottPlot;

namespace Berth.Bench.Reporting;

/// <summary>
/// Grouped bars from a table (a TSV the bench scripts write): one group per value of the group column along the x
/// axis, one colour per value of the series column, each bar labelled with its value. PNG or SVG by extension.
/// </summary>
internal static class BenchBarChart
{
    public static void Write(string path, BenchTableFile table, string group, string series, string value, string? title, string? valueLabel)
    {
        var groupColumn = table.Column(group);
        var seriesColumn = table.Column(series);
        var valueColumn = table.Column(value);
        var rows = table.Rows
            .Where(r => double.TryParse(r[valueColumn], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            .ToList();
        var groups = rows.Select(r => r[groupColumn]).Distinct().ToList();
        var names = rows.Select(r => r[seriesColumn]).Distinct().ToList();
        var palette = new ScottPlot.Palettes.Category10();
        var width = 0.8 / Math.Max(1, names.Count);

        var plot = new Plot();
        var bars = new List<Bar>();
        foreach (var row in rows)
        {
            var number = double.Parse(row[valueColumn], NumberStyles.Float, CultureInfo.InvariantCulture);
            var index = names.IndexOf(row[seriesColumn]);
            bars.Add(new Bar
            {
                Position = groups.IndexOf(row[groupColumn]) - 0.4 + (width * (index + 0.5)),
                Value = number,
                Size = width * 0.9,
                FillColor = palette.GetColor(index),
                Label = number.ToString(number >= 100 ? "F0" : "F1", CultureInfo.InvariantCulture),
            });
        }

        var plotted = plot.Add.Bars(bars);
        plotted.ValueLabelStyle.FontSize = 11;
        for (var i = 0; i < names.Count; i++)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = names[i], FillColor = palette.GetColor(i) });
        }

        plot.Axes.Bottom.SetTicks([.. groups.Select((_, i) => (double)i)], [.. groups]);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.YLabel(valueLabel ?? value);
        plot.Title(title ?? $"{value} by {group} and {series}");
        plot.Axes.AutoScale();
        plot.Axes.SetLimitsY(0, plot.Axes.GetLimits().Top * 1.12);
        plot.ShowLegend(Alignment.UpperRight);

        ChartFile.Save(plot, path);
    }
}
