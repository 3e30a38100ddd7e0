using System.Text.RegularExpressions;
using Berth.Client;
using Berth.Testing;
using Berth.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Berth.Web.Tests;

/// <summary>
/// /admin/replication in headless chromium against a real Berth (auth on) replicating to a second real Berth: an
/// administrator adds a target and a rule, edits the rule, runs it, and sees the execution succeed image by image
/// (and the image at the target with its digest); a run to a registry that does not answer shows as failed with its
/// error; plain users get a 404.
/// </summary>
public sealed class ReplicationWebUiTests : IClassFixture<ReplicationWebUiFixture>
{
    private readonly ReplicationWebUiFixture _fixture;

    public ReplicationWebUiTests(ReplicationWebUiFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Admin_AddsTargetAndRule_RunsIt_AndSeesTheExecutionSucceedPerImage()
    {
        await using var target = await BerthTestServer.StartAsync();
        await _fixture.PushAsync("alice/replicated", "v1", "alice", WebUiFixture.AlicePassword);
        await _fixture.PushAsync("alice/replicated", "dev", "alice", WebUiFixture.AlicePassword);
        var page = await _fixture.NewPageAsync();
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await WebUiFixture.SignInAsync(page, "admin", WebUiFixture.AdminPassword);

        await page.GotoAsync("/admin");
        await page.GetByRole(AriaRole.Link, new() { Name = "Replication targets, rules and executions" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Replication");

        await page.GetByLabel("Target name").FillAsync("dr");
        await page.GetByLabel("Registry URL").FillAsync(target.BaseAddress.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Add target" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToHaveTextAsync("Target dr added.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Test dr" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("dr: The registry answers and accepts the credentials.");

        await page.GetByLabel("Rule name").FillAsync("to-dr");
        await page.GetByLabel("Target", new() { Exact = true }).SelectOptionAsync("dr");
        await page.GetByLabel("Repositories", new() { Exact = true }).FillAsync("alice/**");
        await page.GetByLabel("Tags", new() { Exact = true }).FillAsync("*");
        await page.GetByLabel("Destination namespace (empty keeps the names)").FillAsync("dr");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add rule" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToHaveTextAsync("Rule to-dr added.");

        await page.GetByRole(AriaRole.Link, new() { Name = "Edit to-dr" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Edit rule to-dr" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Repositories", new() { Exact = true })).ToHaveValueAsync("alice/**");
        await page.GetByLabel("Tags", new() { Exact = true }).FillAsync("v*");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save rule" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToHaveTextAsync("Rule to-dr saved.");
        var rule = page.GetByRole(AriaRole.Region, new() { Name = "Replication rules" }).Locator("tr[data-rule='to-dr']");
        await Assertions.Expect(rule).ToContainTextAsync("alice/** : v*, all content → dr/");

        await rule.GetByRole(AriaRole.Button, new() { Name = "Run to-dr now" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync(new Regex("Run of to-dr queued as execution [0-9]+"));
        var execution = await WaitForExecutionAsync(page, "to-dr");
        await Assertions.Expect(execution).ToHaveAttributeAsync("data-status", "Succeeded");
        await Assertions.Expect(execution).ToContainTextAsync("1 copied, 0 skipped, 0 failed");
        var id = await execution.GetAttributeAsync("data-execution");
        await page.GetByText($"Images and errors of #{id}").ClickAsync();
        var images = page.GetByRole(AriaRole.List, new() { Name = $"Images of execution {id}" });
        await Assertions.Expect(images.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(1);
        await Assertions.Expect(images).ToContainTextAsync("copied alice/replicated:v1");
        await Artifacts.ScreenshotAsync(page, "replication");

        using var source = RegistryClient.Create(new RegistryClientOptions { BaseAddress = _fixture.Server.BaseAddress, Username = "admin", Password = WebUiFixture.AdminPassword });
        using var destination = RegistryClient.Create(new RegistryClientOptions { BaseAddress = target.BaseAddress });
        var sourceDigest = (await source.HeadManifestAsync("alice/replicated", "v1", default))?.Digest;
        Assert.NotNull(sourceDigest);
        Assert.Equal(sourceDigest, (await destination.HeadManifestAsync("dr/replicated", "v1", default))?.Digest);
        Assert.Null(await destination.HeadManifestAsync("dr/replicated", "dev", default));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task RunToATargetThatDoesNotAnswer_ShowsTheExecutionFailedWithItsError_ThenRuleAndTargetAreRemoved()
    {
        var page = await _fixture.NewPageAsync();
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await WebUiFixture.SignInAsync(page, "admin", WebUiFixture.AdminPassword);
        await page.GotoAsync("/admin/replication");

        // Port 9 (discard) on loopback: nothing listens there in the test environment, so the connection is refused.
        await page.GetByLabel("Target name").FillAsync("nowhere");
        await page.GetByLabel("Registry URL").FillAsync("http://127.0.0.1:9/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add target" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToHaveTextAsync("Target nowhere added.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Test nowhere" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).First).ToContainTextAsync("does not answer as a registry");

        await page.GetByLabel("Rule name").FillAsync("to-nowhere");
        await page.GetByLabel("Target", new() { Exact = true }).SelectOptionAsync("nowhere");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add rule" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToHaveTextAsync("Rule to-nowhere added.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run to-nowhere now" }).ClickAsync();
        var execution = await WaitForExecutionAsync(page, "to-nowhere");
        await Assertions.Expect(execution).ToHaveAttributeAsync("data-status", "Failed");
        var id = await execution.GetAttributeAsync("data-execution");
        await Assertions.Expect(page.GetByRole(AriaRole.Log, new() { Name = $"Errors of execution {id}" })).ToContainTextAsync("Connection refused");

        await page.GetByRole(AriaRole.Button, new() { Name = "Remove nowhere" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).First).ToContainTextAsync("Target 'nowhere' is used by rule(s) to-nowhere");
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove to-nowhere" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToHaveTextAsync("Rule to-nowhere removed.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove nowhere" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToHaveTextAsync("Target nowhere removed.");
        await Assertions.Expect(page.Locator("tr[data-target='nowhere']")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ReplicationPage_IsNotFoundForPlainUsers()
    {
        var page = await _fixture.NewPageAsync();
        await WebUiFixture.SignInAsync(page, "alice", WebUiFixture.AlicePassword);
        var response = await page.GotoAsync("/admin/replication");
        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Targets" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByLabel("Target name")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    /// <summary>The newest execution of a rule once it finished, opening the page again (a GET: reloading would post the run again) until it has (at most 60 s).</summary>
    private static async Task<ILocator> WaitForExecutionAsync(IPage page, string rule)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var row = page.GetByRole(AriaRole.Region, new() { Name = "Replication executions" }).Locator("tr[data-execution]").Filter(new() { HasText = rule }).First;
            if (await row.CountAsync() == 1 && await row.GetAttributeAsync("data-status") is "Succeeded" or "Failed")
            {
                return row;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No execution of {rule} finished within 60 s.");
            }

            await page.WaitForTimeoutAsync(250);
            await page.GotoAsync("/admin/replication");
        }
    }
}
