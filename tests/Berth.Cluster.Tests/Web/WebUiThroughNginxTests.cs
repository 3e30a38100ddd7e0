using Berth.Cluster.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Berth.Cluster.Tests.Web;

/// <summary>
/// The web UI signed in through nginx stays signed in while round robin sends its pages to different nodes: the
/// session cookie and the antiforgery tokens are protected with keys every node shares.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class WebUiThroughNginxTests(ClusterFixture cluster, ITestOutputHelper output)
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task SignedInThroughNginx_StaysSignedIn_OnPagesServedByDifferentNodes()
    {
        await cluster.EnsureAllRunningAsync();
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException(
                $"The web UI test needs Debian's chromium at {Chromium}: `apt-get install -y chromium` (scripts/test.sh installs it through scripts/test-services/chromium.packages).");
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = cluster.BaseAddress.ToString().TrimEnd('/') });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        using var nudge = new HttpClient { BaseAddress = cluster.BaseAddress };

        await page.GotoAsync("/signin");
        await page.GetByLabel("User name").FillAsync(ClusterFixture.User);
        await page.GetByLabel("Password").FillAsync(ClusterFixture.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Link, new() { Name = ClusterFixture.User, Exact = true })).ToBeVisibleAsync();

        var servedBy = new List<string>();
        for (var load = 0; load < 12 && (load < 6 || servedBy.Distinct().Count() < cluster.Nodes.Count); load++)
        {
            var response = await page.GotoAsync("/settings") ?? throw new InvalidOperationException("No response for /settings.");
            servedBy.Add(await response.HeaderValueAsync(Upstreams.Header) ?? "?");
            Assert.EndsWith("/settings", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
            await Assertions.Expect(page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Link, new() { Name = ClusterFixture.User, Exact = true })).ToBeVisibleAsync();

            // A page pulls in a fixed number of other requests; an extra one now and then keeps the page itself
            // from landing on the same node of the round robin every time.
            for (var i = 0; i < load % 3; i++)
            {
                using var _ = await nudge.GetAsync("/healthz");
            }
        }

        output.WriteLine($"/settings served by {string.Join(", ", servedBy)}");
        Assert.True(servedBy.Distinct().Count() >= 2, $"Every page came from one node ({string.Join(", ", servedBy)}): the test proved nothing.");
    }
}
