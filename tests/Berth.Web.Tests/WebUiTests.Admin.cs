using System.Text.RegularExpressions;
using Berth.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Berth.Web.Tests;

public sealed partial class WebUiTests
{
    [Fact]
    public async Task AdminPage_ShowsStorageAndGcRuns_SetsAQuota_AndIsHiddenFromUsers()
    {
        await _fixture.PushAsync("alice/quota-demo", "v1", "alice", WebUiFixture.AlicePassword, new Dictionary<string, string> { ["org.opencontainers.image.title"] = "Quota demo" });
        var admin = await _fixture.NewPageAsync();
        admin.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await WebUiFixture.SignInAsync(admin, "admin", WebUiFixture.AdminPassword);

        await admin.GetByRole(AriaRole.Link, new() { Name = "Admin", Exact = true }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Administration");
        var row = admin.GetByRole(AriaRole.Region, new() { Name = "Storage per namespace" }).Locator("tr[data-namespace='alice']");
        await Assertions.Expect(row).ToContainTextAsync("unlimited");
        await Assertions.Expect(row.GetByRole(AriaRole.Cell).Nth(1)).ToHaveTextAsync(new Regex("[1-9][0-9.]* (B|KB|MB)"));

        await row.GetByLabel("Quota of alice", new() { Exact = true }).FillAsync("5");
        await row.GetByLabel("Unit", new() { Exact = true }).SelectOptionAsync("MiB");
        await row.GetByRole(AriaRole.Button, new() { Name = "Set the quota of alice" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status).First).ToContainTextAsync("Quota of alice set to 5.2 MB");
        await Assertions.Expect(admin.Locator("tr[data-namespace='alice']")).ToContainTextAsync("of 5.2 MB");

        await admin.GetByRole(AriaRole.Button, new() { Name = "Dry run" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status).First).ToContainTextAsync("Dry run:");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Run now" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status).First).ToContainTextAsync("Garbage collection finished");
        await Assertions.Expect(admin.GetByRole(AriaRole.Region, new() { Name = "Garbage collection runs" })).ToContainTextAsync("completed");

        await admin.GetByLabel("Namespace", new() { Exact = true }).Last.FillAsync("alice");
        await admin.GetByLabel("Immutable tags (patterns)").FillAsync("v*");
        await admin.GetByLabel("Keep the last N tags").FillAsync("5");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save policy" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status).First).ToContainTextAsync("Policy of alice saved.");
        var policies = admin.GetByRole(AriaRole.Region, new() { Name = "Namespace policies" });
        await Assertions.Expect(policies.GetByRole(AriaRole.Row, new() { Name = "alice" })).ToContainTextAsync("keep last 5");
        await Screenshot(admin, "admin");

        var alice = await _fixture.NewPageAsync();
        await WebUiFixture.SignInAsync(alice, "alice", WebUiFixture.AlicePassword);
        await Assertions.Expect(alice.GetByRole(AriaRole.Link, new() { Name = "Admin", Exact = true })).ToHaveCountAsync(0);
        var response = await alice.GotoAsync("/admin");
        Assert.Equal(404, response!.Status);
        await Assertions.Expect(alice.GetByRole(AriaRole.Region, new() { Name = "Storage per namespace" })).ToHaveCountAsync(0);
        await admin.Context.CloseAsync();
        await alice.Context.CloseAsync();
    }
}
