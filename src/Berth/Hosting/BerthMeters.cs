namespace Berth.Hosting;

/// <summary>The System.Diagnostics.Metrics meters that /metrics exports.</summary>
internal static class BerthMeters
{
    public static readonly string[] Names = ["Berth.*"];
}
