using System.Globalization;

namespace Berth.Cluster.Tests.Infrastructure;

/// <summary>Reads series from a node's Prometheus text at /metrics.</summary>
public static class NodeMetrics
{
    /// <summary>The sum of every sample of <paramref name="series"/> (all label sets); 0 when the node has none yet.</summary>
    public static async Task<double> SumAsync(ClusterNode node, string series)
    {
        using var http = new HttpClient { BaseAddress = node.MetricsAddress, Timeout = TimeSpan.FromSeconds(10) };
        var text = await http.GetStringAsync("/metrics");
        double sum = 0;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith('#') || !line.StartsWith(series, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = line[series.Length..];
            if (rest.Length == 0 || (rest[0] != ' ' && rest[0] != '{'))
            {
                continue;
            }

            var value = rest[(rest.LastIndexOf('}') + 1)..].Trim().Split(' ')[0];
            sum += double.Parse(value, CultureInfo.InvariantCulture);
        }

        return sum;
    }
}
