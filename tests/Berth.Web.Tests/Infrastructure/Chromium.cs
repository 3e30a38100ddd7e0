using Microsoft.Playwright;

namespace Berth.Web.Tests.Infrastructure;

/// <summary>Debian's chromium, driven headless by Playwright (the Playwright package's own browsers are not used).</summary>
internal static class Chromium
{
    public const string DefaultPath = "/usr/bin/chromium";

    /// <summary>Fails, never skips, when the browser is missing, and says how to install it.</summary>
    public static string Require(string path = DefaultPath) =>
        File.Exists(path)
            ? path
            : throw new InvalidOperationException(
                $"The browser tests need Debian's chromium at {path}, which is missing. Install it with "
                + "`sudo apt-get install -y chromium` (scripts/test.sh does so through scripts/install-test-deps.sh and "
                + "scripts/test-services/chromium.packages).");

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var executable = Require();
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = executable,
                Headless = true,
                Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            return (playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }
}
