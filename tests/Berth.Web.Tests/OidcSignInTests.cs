using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Berth.Index.Accounts;
using Berth.Index.Data;
using Berth.Index.Organizations;
using Berth.Testing;
using Berth.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Berth.Web.Tests;

/// <summary>
/// Sign-in through a real OpenID Connect provider (npm's oidc-provider, started by scripts/test-services/oidc-provider.sh):
/// the browser goes through the provider's login and consent pages, Berth creates the account with the teams of its
/// groups, the user makes a personal access token in the UI, and skopeo pushes with it.
/// </summary>
public sealed class OidcSignInTests : IAsyncLifetime
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("berth-oidc-");
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private BerthTestServer _server = null!;

    public async Task InitializeAsync()
    {
        (_playwright, _browser) = await Chromium.LaunchAsync();
        var issuer = Environment.GetEnvironmentVariable("BERTH_TEST_OIDC_ISSUER") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                "BERTH_TEST_OIDC_ISSUER is not set: the OIDC tests need the test provider. Run them through scripts/test.sh, which starts it, or start it with "
                + "`BERTH_TEST_RUN_DIR=$(mktemp -d) bash -c 'repo=$PWD; cleanups=(); source scripts/test-services/oidc-provider.sh; env | grep BERTH_TEST_OIDC'`.");
        var port = FreePort();
        var (clientId, clientSecret) = await RegisterClientAsync(issuer, $"http://127.0.0.1:{port}/signin-oidc");
        _server = await BerthTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Berth:Listen"] = $"127.0.0.1:{port}",
            ["Auth:Mode"] = "Token",
            ["Index:AdminPassword"] = "admin-password-1",
            ["Index:BcryptWorkFactor"] = "4",
            ["Oidc:Authority"] = issuer,
            ["Oidc:ClientId"] = clientId,
            ["Oidc:ClientSecret"] = clientSecret,
            ["Oidc:RequireHttpsMetadata"] = "false",
            ["Oidc:DisplayName"] = "Test provider",
            ["Oidc:Scopes"] = "openid profile email groups",
            ["Oidc:AdminGroup"] = "registry-admins",
            ["Oidc:Teams:0:Group"] = "builders",
            ["Oidc:Teams:0:Organization"] = "acme",
            ["Oidc:Teams:0:Team"] = "builders",
        });
        var organizations = _server.Services.GetRequiredService<OrganizationService>();
        await organizations.CreateAsync("acme", null, "test", default);
        await organizations.CreateTeamAsync("acme", "builders", "test", default);
        await organizations.GrantTeamAsync("acme", "builders", "*", RepositoryPermission.Write, "test", default);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _server.DisposeAsync();
        _work.Delete(recursive: true);
    }

    [Fact]
    public async Task SignInThroughTheProvider_CreatesTheAccountWithItsTeam_AndATokenFromTheUiPushesWithSkopeo()
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _server.BaseAddress.ToString().TrimEnd('/') });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in with Test provider" }).ClickAsync();

        // The provider's own pages: login (its development login takes any password), then consent.
        await page.Locator("input[name=login]").FillAsync("olivia");
        await page.Locator("input[name=password]").FillAsync("any-password");
        await page.Locator("button[type=submit]").ClickAsync();
        await page.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "olivia", Exact = true })).ToBeVisibleAsync();
        Assert.StartsWith(_server.BaseAddress.ToString().TrimEnd('/'), page.Url, StringComparison.Ordinal);

        await using (var db = _server.Services.GetRequiredService<IndexDbContextFactory>().Create())
        {
            var user = await db.Users.SingleAsync(u => u.Name == "olivia");
            Assert.Equal("oidc", user.ExternalSource);
            Assert.Equal("olivia@berth.test", user.Email);
            Assert.False(user.IsAdmin);
            Assert.Null(user.PasswordHash);
            var team = await db.Teams.SingleAsync(t => t.Name == "builders");
            Assert.True(await db.TeamMembers.AnyAsync(m => m.TeamId == team.Id && m.UserId == user.Id));
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "Account settings" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync("ci");
        await page.GetByLabel("push").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        var secret = (await page.Locator(".notice-success .copy-command code").TextContentAsync())?.Trim() ?? "";
        Assert.StartsWith(AccessTokenService.Prefix, secret, StringComparison.Ordinal);

        var layout = TestImage.Write(Path.Combine(_work.FullName, "image"), "v1", new Dictionary<string, string>());
        await Skopeo.PushAsync(layout, "v1", $"{_server.HostPort}/acme/app:v1", $"olivia:{secret}");

        // An OIDC account has no password: the token service takes its tokens only.
        using var http = new HttpClient { BaseAddress = _server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/token?service=berth&scope=repository:acme/app:pull");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String("olivia:any-password"u8.ToArray()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(request)).StatusCode);
        await context.CloseAsync();
    }

    /// <summary>Registers Berth as a client of the provider (OpenID Connect Dynamic Client Registration) with its redirect URI.</summary>
    private static async Task<(string ClientId, string ClientSecret)> RegisterClientAsync(string issuer, string redirectUri)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsJsonAsync($"{issuer}/reg", new JsonObject
        {
            ["redirect_uris"] = new JsonArray(redirectUri),
            ["response_types"] = new JsonArray("code"),
            ["grant_types"] = new JsonArray("authorization_code"),
            ["token_endpoint_auth_method"] = "client_secret_basic",
        });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.IsSuccessStatusCode, body.ToJsonString());
        return (body["client_id"]!.GetValue<string>(), body["client_secret"]!.GetValue<string>());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
