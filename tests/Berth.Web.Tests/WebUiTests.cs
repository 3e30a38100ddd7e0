using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Berth.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Berth.Web.Tests;

/// <summary>
/// The web UI in headless chromium against a real Berth (auth on, SQLite): what a user sees after pushing with
/// skopeo, and what they may change. Saves screenshots of the main pages beside the TRX results.
/// </summary>
public sealed partial class WebUiTests : IClassFixture<SqliteWebUiFixture>
{
    private const string Readme = "# Webshop\n\nThe shop front of the Berth demo, rebuilt every night.\n\n"
        + "```sh\npodman run --rm -p 8080:80 webshop:v1.2\n```\n\n| Variable | Default |\n|---|---|\n| `PORT` | `80` |\n";

    private readonly SqliteWebUiFixture _fixture;

    public WebUiTests(SqliteWebUiFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task SignIn_WithWrongPassword_ShowsErrorAndStaysSignedOut()
    {
        var page = await _fixture.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.GetByLabel("User name").FillAsync("alice");
        await page.GetByLabel("Password").FillAsync("not-her-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Wrong user name or password");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task PushedRepository_IsFoundBySearch_ShowsTagsAndManifest_AndCanBeStarred()
    {
        await _fixture.PushAsync("alice/webshop", "v1.2", "alice", WebUiFixture.AlicePassword, new Dictionary<string, string>
        {
            ["org.opencontainers.image.title"] = "Webshop",
            ["org.opencontainers.image.vendor"] = "Berth tests",
        });
        await _fixture.DescribeAsync("alice/webshop", "alice", "The shop front, built nightly", Readme);
        var page = await _fixture.NewPageAsync();
        await WebUiFixture.SignInAsync(page, "alice", WebUiFixture.AlicePassword);

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Search repositories" }).Last.FillAsync("webshop");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/explore\\?q=webshop"));
        var result = page.GetByRole(AriaRole.Link, new() { Name = "alice/webshop" });
        await Assertions.Expect(result).ToBeVisibleAsync();
        await Screenshot(page, "explore");

        await result.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("alice/webshop");
        await Assertions.Expect(page.Locator(".markdown").GetByRole(AriaRole.Heading, new() { Name = "Webshop" })).ToBeVisibleAsync();
        var tags = page.GetByRole(AriaRole.Region, new() { Name = "Tags of alice/webshop" });
        await Assertions.Expect(tags.GetByRole(AriaRole.Link, new() { Name = "v1.2" })).ToBeVisibleAsync();
        await Assertions.Expect(tags).ToContainTextAsync($"podman pull {_fixture.Server.HostPort}/alice/webshop:v1.2");
        await Assertions.Expect(tags).ToContainTextAsync("linux/amd64");
        await Assertions.Expect(tags).ToContainTextAsync("sha256:");

        var star = page.GetByRole(AriaRole.Button, new() { Name = "Star" });
        await Assertions.Expect(star).ToContainTextAsync("0");
        await star.ClickAsync();
        var starred = page.GetByRole(AriaRole.Button, new() { Name = "Starred" });
        await Assertions.Expect(starred).ToContainTextAsync("1");
        await Assertions.Expect(starred).ToHaveAttributeAsync("aria-pressed", "true");
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Starred" })).ToContainTextAsync("1");
        await Screenshot(page, "repository");

        await tags.GetByRole(AriaRole.Link, new() { Name = "v1.2" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Layers" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Layers" }).GetByRole(AriaRole.Row)).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator(".labels")).ToContainTextAsync("org.opencontainers.image.vendor");
        await Assertions.Expect(page.Locator(".labels")).ToContainTextAsync("Berth tests");
        await Screenshot(page, "tag");

        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Most starred" }).GetByRole(AriaRole.Link, new() { Name = "alice/webshop" })).ToBeVisibleAsync();
        await Screenshot(page, "home");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task EditReadme_InSettings_IsRenderedSanitisedOnTheRepositoryPage()
    {
        await _fixture.PushAsync("alice/docs-demo", "latest", "alice", WebUiFixture.AlicePassword);
        var page = await _fixture.NewPageAsync();
        await WebUiFixture.SignInAsync(page, "alice", WebUiFixture.AlicePassword);

        await page.GotoAsync("/r/alice/docs-demo");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Repository" }).GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        await page.GetByLabel("Short description").FillAsync("A demo of READMEs");
        await page.GetByLabel("README (Markdown)").FillAsync("# Docs demo\n\nRun it with **podman**.\n\n<script>window.pwned = true</script>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        await page.GetByLabel("Public: anyone may find and pull it").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Settings saved");
        await Screenshot(page, "repository-settings");

        await page.GotoAsync("/r/alice/docs-demo");
        var readme = page.Locator(".markdown");
        await Assertions.Expect(readme.GetByRole(AriaRole.Heading, new() { Name = "Docs demo" })).ToBeVisibleAsync();
        await Assertions.Expect(readme.Locator("strong")).ToHaveTextAsync("podman");
        await Assertions.Expect(readme.Locator("script")).ToHaveCountAsync(0);
        Assert.False(await page.EvaluateAsync<bool>("() => window.pwned === true"));
        await Assertions.Expect(page.GetByText("A demo of READMEs").First).ToBeVisibleAsync();
        await page.Context.CloseAsync();

        var anonymous = await _fixture.NewPageAsync();
        var response = await anonymous.GotoAsync("/r/alice/docs-demo");
        Assert.Equal(200, response!.Status);
        await Assertions.Expect(anonymous.Locator(".markdown").GetByRole(AriaRole.Heading, new() { Name = "Docs demo" })).ToBeVisibleAsync();
        await anonymous.Context.CloseAsync();
    }

    [Fact]
    public async Task AccessToken_CreatedInSettings_WorksAsPassword_UntilRevoked()
    {
        var page = await _fixture.NewPageAsync();
        await WebUiFixture.SignInAsync(page, "bob", WebUiFixture.BobPassword);
        await page.GetByRole(AriaRole.Link, new() { Name = "Account settings" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync("ci");
        await page.GetByLabel("push").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();

        var secret = (await page.Locator(".notice-success .copy-command code").TextContentAsync())?.Trim() ?? "";
        Assert.StartsWith("berth_pat_", secret, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Row, new() { Name = "ci" })).ToContainTextAsync("Active");
        await Screenshot(page, "account-settings");
        Assert.Equal(HttpStatusCode.OK, await TokenStatusAsync("bob", secret));

        await page.ReloadAsync();
        await Assertions.Expect(page.Locator(".notice-success")).ToHaveCountAsync(0);
        Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);

        // A second token puts two revoke forms on the page: each must post to its own handler.
        await page.GetByLabel("Name").FillAsync("deploy");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Row, new() { Name = "deploy" })).ToContainTextAsync("Active");

        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke token ci" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Row, new() { Name = "ci" })).ToContainTextAsync("Revoked");
        await Assertions.Expect(page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Row, new() { Name = "deploy" })).ToContainTextAsync("Active");
        Assert.Equal(HttpStatusCode.Unauthorized, await TokenStatusAsync("bob", secret));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task PrivateRepository_IsInvisibleToTheSignedOutAndToOtherUsers()
    {
        await _fixture.PushAsync("alice/hidden-gem", "v1", "alice", WebUiFixture.AlicePassword);

        var anonymous = await _fixture.NewPageAsync();
        var response = await anonymous.GotoAsync("/r/alice/hidden-gem");
        Assert.Equal(404, response!.Status);
        Assert.Equal(404, (await anonymous.GotoAsync("/r/alice/hidden-gem/-/tag/v1"))!.Status);
        Assert.Equal(404, (await anonymous.GotoAsync("/r/alice/hidden-gem/-/settings"))!.Status);
        await anonymous.GotoAsync("/explore?q=hidden");
        await Assertions.Expect(anonymous.GetByRole(AriaRole.Status)).ToHaveTextAsync("0 repositories");
        await anonymous.GotoAsync("/u/alice");
        await Assertions.Expect(anonymous.GetByRole(AriaRole.Link, new() { Name = "alice/hidden-gem" })).ToHaveCountAsync(0);
        await anonymous.Context.CloseAsync();

        var bob = await _fixture.NewPageAsync();
        await WebUiFixture.SignInAsync(bob, "bob", WebUiFixture.BobPassword);
        Assert.Equal(404, (await bob.GotoAsync("/r/alice/hidden-gem"))!.Status);
        await bob.Context.CloseAsync();

        var alice = await _fixture.NewPageAsync();
        await WebUiFixture.SignInAsync(alice, "alice", WebUiFixture.AlicePassword);
        Assert.Equal(200, (await alice.GotoAsync("/r/alice/hidden-gem"))!.Status);
        await Assertions.Expect(alice.Locator(".repo-title .badge")).ToHaveTextAsync("Private");
        await alice.GotoAsync("/u/alice");
        await Assertions.Expect(alice.GetByRole(AriaRole.Link, new() { Name = "alice/hidden-gem" })).ToBeVisibleAsync();
        await Screenshot(alice, "user");
        await alice.Context.CloseAsync();
    }

    [Fact]
    public async Task ThemeToggle_SwitchesToDark_AndIsRememberedAcrossPages()
    {
        var page = await _fixture.NewPageAsync();
        await page.GotoAsync("/explore");
        var html = page.Locator("html");
        await Assertions.Expect(html).ToHaveAttributeAsync("data-theme", "auto");
        var lightBackground = await BackgroundAsync(page);

        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Theme: auto") }).ClickAsync();
        await Assertions.Expect(html).ToHaveAttributeAsync("data-theme", "dark");
        Assert.NotEqual(lightBackground, await BackgroundAsync(page));

        await page.GotoAsync("/");
        await Assertions.Expect(html).ToHaveAttributeAsync("data-theme", "dark");
        await Screenshot(page, "home-dark");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AutoTheme_FollowsTheSystemColourScheme()
    {
        var page = await _fixture.NewPageAsync(ColorScheme.Dark);
        await page.GotoAsync("/signin");
        var dark = await BackgroundAsync(page);
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        Assert.NotEqual(dark, await BackgroundAsync(page));
        await page.Context.CloseAsync();
    }

    [Fact]
    public void Chromium_WhenMissing_FailsWithHowToInstallIt()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Chromium.Require("/nonexistent/chromium"));
        Assert.Contains("apt-get install -y chromium", error.Message, StringComparison.Ordinal);
    }

    private static Task<string> BackgroundAsync(IPage page) =>
        page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");

    private static Task Screenshot(IPage page, string name) => Artifacts.ScreenshotAsync(page, name);

    /// <summary>GET /token with Basic name:secret: 200 while the secret is accepted, 401 once it is not.</summary>
    private async Task<HttpStatusCode> TokenStatusAsync(string user, string secret)
    {
        using var client = _fixture.Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/token?service=berth&scope=repository:bob/app:pull");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{secret}")));
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
