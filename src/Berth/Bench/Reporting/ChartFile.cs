using ScottPlot;

namespace Berth.Bench.Reporting;

/// <summary>Writes a chart as PNG, or SVG when the path ends in .svg, creating its folder.</summary>
internal static class ChartFile
{
    public static void Save(Plot plot, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        if (path.EndsWith(".svg", StringComparison.OrdinalIgnoreCase))
        {
            plot.SaveSvg(path, 900, 520);
        }
        else
        {
            plot.SavePng(path, 900, 520);
        }
    }
}
