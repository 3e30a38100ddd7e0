using Berth.Index.Accounts;
using Berth.Index.Data;
using Berth.Testing;
using Berth.Web.Catalog;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Berth.Web.Tests.Infrastructure;

/// <summary>
/// One Berth (registry and index, auth on) and one headless chromium for a test class; each test opens its own
/// browser context, so cookies never leak between tests. Users: alice and bob (plain users), admin.
/// </summary>
public abstract class WebUiFixture : IAsyncLifetime
{
    public const string AlicePassword = "alice-password-1";
    public const string BobPassword = "bob-password-1";
    public const string AdminPassword = "admin-password-1";
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("berth-web-");
    private TestDatabase? _database;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private BerthTestServer? _server;

    public BerthTestServer Server => _server ?? throw new InvalidOperationException("The fixture has not started.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The fixture has not started.");

    protected abstract DatabaseProvider Provider { get; }

    /// <summary>Token auth unless a fixture tests another mode.</summary>
    protected virtual string AuthMode => "Token";

    /// <summary>Further configuration a fixture needs (e.g. a registry setting the page under test depends on).</summary>
    protected virtual IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        // The browser first: a missing chromium fails every test of the class with the install hint, before any server starts.
        (_playwright, _browser) = await Chromium.LaunchAsync();
        _database = await TestDatabase.CreateAsync(Provider);
        var settings = new Dictionary<string, string?>(_database.Settings)
        {
            ["Auth:Mode"] = AuthMode,
            ["Berth:OpenIndex"] = "true",
            ["Index:AdminPassword"] = AdminPassword,
            ["Index:BcryptWorkFactor"] = "4",
        };
        foreach (var (key, value) in ExtraSettings)
        {
            settings[key] = value;
        }

        _server = await BerthTestServer.StartAsync(settings);
        var accounts = _server.Services.GetRequiredService<AccountService>();
        await accounts.CreateUserAsync("alice", AlicePassword, false, "test", default);
        await accounts.CreateUserAsync("bob", BobPassword, false, "test", default);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        _work.Delete(recursive: true);
    }

    /// <summary>A fresh page (own cookies) at a desktop size, light colour scheme unless asked otherwise.</summary>
    public async Task<IPage> NewPageAsync(ColorScheme colorScheme = ColorScheme.Light)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseAddress.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            ColorScheme = colorScheme,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public static async Task SignInAsync(IPage page, string user, string password)
    {
        await page.GotoAsync("/signin");
        await page.GetByLabel("User name").FillAsync(user);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = user, Exact = true })).ToBeVisibleAsync();
    }

    /// <summary>Pushes a small image with skopeo as the given user, and waits until the index has recorded the tag.</summary>
    public async Task PushAsync(string repository, string tag, string user, string password, IReadOnlyDictionary<string, string>? labels = null)
    {
        var layout = TestImage.Write(Path.Combine(_work.FullName, Guid.NewGuid().ToString("N")), tag, labels ?? new Dictionary<string, string>());
        await Skopeo.PushAsync(layout, tag, $"{Server.HostPort}/{repository}:{tag}", $"{user}:{password}");
        await WaitForTagAsync(repository, tag);
    }

    /// <summary>Sets a repository's description and README as its owner would (for pages worth a screenshot).</summary>
    public async Task DescribeAsync(string repository, string owner, string description, string readme)
    {
        var principal = await Server.Services.GetRequiredService<Authenticator>().FindAsync(owner, null, null, default)
            ?? throw new InvalidOperationException($"No user {owner}.");
        var settings = Server.Services.GetRequiredService<Berth.Index.Repositories.RepositorySettingsService>();
        var change = new Berth.Index.Repositories.RepositorySettings(description, readme, null);
        Assert.True(await settings.UpdateAsync(principal, repository, change, default));
    }

    /// <summary>Registry events reach the index's metadata asynchronously; pages are checked once it has them.</summary>
    public async Task WaitForTagAsync(string repository, string tag)
    {
        var catalog = Server.Services.GetRequiredService<IWebCatalog>();
        var admin = await Server.Services.GetRequiredService<Authenticator>().FindAsync("admin", null, null, default);
        var viewer = new WebViewer(admin);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var view = await catalog.GetRepositoryAsync(viewer, repository, default);
            if (view?.Tags.Any(t => t.Name == tag) == true)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The index did not record {repository}:{tag} within 20 s of the push.");
            }

            await Task.Delay(100);
        }
    }
}
