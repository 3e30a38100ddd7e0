namespace Berth.Cluster.Tests.Infrastructure;

/// <summary>
/// Where the cluster tests leave files for people (the bench report of the restart run): beside the TRX files of
/// the run (scripts/test.sh's results directory), or the test's output folder when run alone.
/// </summary>
public static class Artifacts
{
    public static string Directory { get; } = Create();

    public static string PathOf(string fileName) => Path.Combine(Directory, fileName);

    private static string Create()
    {
        var run = Environment.GetEnvironmentVariable("BERTH_TEST_RUN_DIR");
        var root = string.IsNullOrEmpty(run) ? AppContext.BaseDirectory : Path.Combine(run, "results");
        return System.IO.Directory.CreateDirectory(Path.Combine(root, "cluster")).FullName;
    }
}
