using System.Text.RegularExpressions;
using Berth.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Berth.Web.Tests;

/// <summary>Open mode keeps the web UI: what anyone pushed to the open registry is browsed and searched without signing in.</summary>
public sealed class OpenModeWebUiTests(OpenModeWebUiFixture fixture) : IClassFixture<OpenModeWebUiFixture>
{
    [Fact]
    public async Task PushedRepository_IsFoundAndShown_WithoutSigningIn()
    {
        await fixture.PushAsync("lan/toolbox", "v1", "anyone", "anything");
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Search repositories" }).Last.FillAsync("toolbox");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/explore\\?q=toolbox"));
        await page.GetByRole(AriaRole.Link, new() { Name = "lan/toolbox" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("lan/toolbox");
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Tags of lan/toolbox" })).ToContainTextAsync("v1");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("99999999999")]
    public async Task Explore_WithAPageNumberThatIsNotAnInt_ShowsTheFirstPage(string pageNumber)
    {
        await fixture.PushAsync("lan/pager", "v1", "anyone", "anything");
        var page = await fixture.NewPageAsync();

        var response = await page.GotoAsync($"/explore?q=pager&page={pageNumber}");

        Assert.Equal(200, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "lan/pager" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}
