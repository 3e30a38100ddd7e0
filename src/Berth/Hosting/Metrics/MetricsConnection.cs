namespace Berth.Hosting.Metrics;

/// <summary>Marks a connection accepted on Berth:MetricsListen; requests read it through their feature collection.</summary>
internal sealed class MetricsConnection
{
    public static readonly MetricsConnection Instance = new();
}
