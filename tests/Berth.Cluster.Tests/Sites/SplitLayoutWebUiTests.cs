using System.Text.Json;
using Berth.Cluster.Tests.Infrastructure;
using Berth.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Berth.Cluster.Tests.Sites;

/// <summary>
/// The web UI of an index serving two sites, in headless chromium through docs/deployment.md's split nginx block: the
/// registries section of /admin (status, last event, resync, a stopped site), a tag deleted from the UI gone from the
/// site's own /v2 API, and a repository held by both sites shown with each site's pull host and tags.
/// </summary>
[Collection(SplitLayoutCollection.Name)]
public sealed class SplitLayoutWebUiTests(SplitLayoutFixture layout) : IAsyncLifetime
{
    private readonly SplitLayoutClient _client = new(layout);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync() => (_playwright, _browser) = await Chromium.LaunchAsync();

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        _client.Dispose();
    }

    [Fact]
    public async Task AdminRegistries_ShowEachSiteWithItsLastEvent_ResyncOnClick_AndAStoppedSiteAsUnreachable()
    {
        await _client.PushAsync(layout.MainAddress, "alice/admin-view", "v1", seed: 31);
        await _client.WaitForTagAsync("alice/admin-view", "v1");
        var page = await SignedInPageAsync("admin", SplitLayoutFixture.AdminPassword);

        await page.GotoAsync("/admin");
        var registries = page.GetByRole(AriaRole.Region, new() { Name = "Registered registries" });
        var siteA = registries.Locator("tr[data-registry='site-a']");
        await Assertions.Expect(siteA.GetByRole(AriaRole.Cell).Nth(0)).ToHaveTextAsync(layout.MainAddress.Authority);
        await Assertions.Expect(siteA.GetByRole(AriaRole.Cell).Nth(1)).ToHaveTextAsync("reachable");
        await Assertions.Expect(siteA.GetByRole(AriaRole.Cell).Nth(2)).ToHaveTextAsync("just now");
        await Assertions.Expect(siteA.GetByRole(AriaRole.Cell).Nth(3)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+(\.\d)? (ms|s)$"));
        await Assertions.Expect(siteA.GetByRole(AriaRole.Cell).Nth(4)).ToHaveTextAsync("never");
        await Assertions.Expect(registries.Locator("tr[data-registry='site-b']")).ToContainTextAsync(layout.SiteBAddress.Authority);

        await siteA.GetByRole(AriaRole.Button, new() { Name = "Resync site-a" }).ClickAsync();
        await Assertions.Expect(Section(page).GetByRole(AriaRole.Status)).ToContainTextAsync("Resynchronised site-a:");
        await Assertions.Expect(page.Locator("tr[data-registry='site-a']").GetByRole(AriaRole.Cell).Nth(4)).ToHaveTextAsync("just now");
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("admin-registries.png"), FullPage = true });

        await layout.SiteB.KillAsync();
        try
        {
            await page.ReloadAsync();
            await Assertions.Expect(page.Locator("tr[data-registry='site-b']").GetByRole(AriaRole.Cell).Nth(1)).ToContainTextAsync("unreachable");
            await page.Locator("tr[data-registry='site-b']").GetByRole(AriaRole.Button, new() { Name = "Resync site-b" }).ClickAsync();
            await Assertions.Expect(Section(page).GetByRole(AriaRole.Alert)).ToContainTextAsync("Registry site-b could not be read");
        }
        finally
        {
            await layout.StartSiteBAsync();
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TagDeletedFromTheUi_IsGoneFromTheSitesOwnV2Api()
    {
        await _client.PushAsync(layout.SiteBAddress, "alice/ui-delete", "v1", seed: 32);
        await _client.PushAsync(layout.SiteBAddress, "alice/ui-delete", "v2", seed: 33);
        await _client.WaitForTagAsync("alice/ui-delete", "v1");
        await _client.WaitForTagAsync("alice/ui-delete", "v2");
        var page = await SignedInPageAsync(SplitLayoutFixture.User, SplitLayoutFixture.UserPassword);

        await DeleteTagFromTheUiAsync(page, "alice/ui-delete", "v1");

        Assert.Equal(["v2"], await _client.SiteTagsAsync(layout.SiteBAddress, "site-b", "alice/ui-delete"));
        var shown = await _client.WaitForTagAsync("alice/ui-delete", "v2");
        Assert.Equal(["v2"], shown.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task RepositoryHeldByBothSites_ShowsEachSiteWithItsPullHostAndTags_AndKeepsThemApart()
    {
        // The same image at both sites (as replication or a mirror leaves it), and a tag only site B has.
        await _client.PushAsync(layout.MainAddress, "alice/shared", "v1", seed: 34);
        await _client.PushAsync(layout.SiteBAddress, "alice/shared", "v1", seed: 34);
        await _client.PushAsync(layout.SiteBAddress, "alice/shared", "v2", seed: 35);
        var detail = await _client.WaitForRepositoryAsync("alice/shared", r => Sites(r).Count == 2 && Sites(r)["site-b"].Tags.Count == 2);

        var sites = Sites(detail);
        Assert.Equal(layout.MainAddress.Authority, sites["site-a"].PullHost);
        Assert.Equal(["v1"], sites["site-a"].Tags);
        Assert.Equal(layout.SiteBAddress.Authority, sites["site-b"].PullHost);
        Assert.Equal(["v2", "v1"], sites["site-b"].Tags);
        Assert.Equal("site-b", detail.GetProperty("sites")[0].GetProperty("registry").GetString());

        // Resynchronising site A (which has no v2) leaves site B's v2 shown.
        using (var resync = await _client.PostAsync("/api/v1/registries/site-a/resync"))
        {
            resync.EnsureSuccessStatusCode();
        }

        var afterResync = await _client.WaitForTagAsync("alice/shared", "v2");
        Assert.Equal(["v1"], Sites(afterResync)["site-a"].Tags);

        var page = await SignedInPageAsync(SplitLayoutFixture.User, SplitLayoutFixture.UserPassword);
        await page.GotoAsync("/r/alice/shared");
        var table = page.GetByRole(AriaRole.Region, new() { Name = "Sites holding alice/shared" });
        await Assertions.Expect(table.Locator("tr[data-site='site-a']")).ToContainTextAsync(layout.MainAddress.Authority);
        await Assertions.Expect(table.Locator("tr[data-site='site-a']").GetByRole(AriaRole.Cell).Nth(1)).ToHaveTextAsync("v1");
        await Assertions.Expect(table.Locator("tr[data-site='site-b']").GetByRole(AriaRole.Cell).Nth(1)).ToHaveTextAsync("v2, v1");
        await Assertions.Expect(table.Locator("tr[data-site='site-b']")).ToContainTextAsync($"podman pull {layout.SiteBAddress.Authority}/alice/shared:v2");
        var tags = page.GetByRole(AriaRole.Region, new() { Name = "Tags of alice/shared" });
        await Assertions.Expect(tags.GetByRole(AriaRole.Row, new() { Name = "v2" })).ToContainTextAsync($"podman pull {layout.SiteBAddress.Authority}/alice/shared:v2");
        await Assertions.Expect(tags.GetByRole(AriaRole.Row, new() { Name = "v2" })).ToContainTextAsync("linux/amd64");
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("repository-sites.png"), FullPage = true });

        // A tag deleted from the UI goes from every site holding it.
        await DeleteTagFromTheUiAsync(page, "alice/shared", "v1");

        Assert.Empty(await _client.SiteTagsAsync(layout.MainAddress, "site-a", "alice/shared"));
        Assert.Equal(["v2"], await _client.SiteTagsAsync(layout.SiteBAddress, "site-b", "alice/shared"));
        await page.GotoAsync("/r/alice/shared");
        await Assertions.Expect(table.GetByRole(AriaRole.Row)).ToHaveCountAsync(2);
        await Assertions.Expect(table.Locator("tr[data-site='site-b']").GetByRole(AriaRole.Cell).Nth(1)).ToHaveTextAsync("v2");
        await page.Context.CloseAsync();
    }

    /// <summary>The registries section of /admin.</summary>
    private static ILocator Section(IPage page) => page.GetByRole(AriaRole.Region, new() { Name = "Registries", Exact = true });

    private static Dictionary<string, (string? PullHost, List<string> Tags)> Sites(JsonElement repository) =>
        repository.GetProperty("sites").EnumerateArray().ToDictionary(
            s => s.GetProperty("registry").GetString()!,
            s => (s.GetProperty("pullHost").GetString(), s.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("name").GetString()!).ToList()));

    /// <summary>The repository's settings page, "Delete tag" and the confirmation, as a user does it; waits until the tag is gone from the list.</summary>
    private static async Task DeleteTagFromTheUiAsync(IPage page, string repository, string tag)
    {
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.GotoAsync($"/r/{repository}");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Repository" }).GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Delete tag {tag}", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Delete tag {tag}", Exact = true })).ToHaveCountAsync(0);
    }

    private async Task<IPage> SignedInPageAsync(string user, string password)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = layout.MainAddress.ToString().TrimEnd('/'),
            IgnoreHTTPSErrors = true,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.GetByLabel("User name").FillAsync(user);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Link, new() { Name = user, Exact = true })).ToBeVisibleAsync();
        return page;
    }
}
