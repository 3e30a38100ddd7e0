namespace Berth.Web.Tests.Infrastructure;

/// <summary>
/// Where screenshots go: beside the TRX files of the run (scripts/test.sh's results directory), or the test's output
/// folder when run alone; also into BERTH_DOCS_SCREENSHOTS (e.g. docs/screenshots) when set, to refresh the docs.
/// </summary>
internal static class Artifacts
{
    public static string ScreenshotDirectory { get; } = Create();

    public static string? DocsDirectory { get; } = Environment.GetEnvironmentVariable("BERTH_DOCS_SCREENSHOTS") is { Length: > 0 } docs
        ? Directory.CreateDirectory(docs).FullName
        : null;

    /// <summary>A full-page screenshot of the page, also copied into BERTH_DOCS_SCREENSHOTS when set.</summary>
    public static async Task ScreenshotAsync(Microsoft.Playwright.IPage page, string name)
    {
        await page.ScreenshotAsync(new() { Path = PathOf(name), FullPage = true });
        Publish(name);
    }

    private static void Publish(string name)
    {
        if (DocsDirectory is not null)
        {
            File.Copy(PathOf(name), Path.Combine(DocsDirectory, name + ".png"), overwrite: true);
        }
    }

    private static string PathOf(string name) => Path.Combine(ScreenshotDirectory, name + ".png");

    private static string Create()
    {
        var run = Environment.GetEnvironmentVariable("BERTH_TEST_RUN_DIR");
        var root = string.IsNullOrEmpty(run) ? AppContext.BaseDirectory : Path.Combine(run, "results");
        return Directory.CreateDirectory(Path.Combine(root, "screenshots")).FullName;
    }
}
