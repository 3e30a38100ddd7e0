using Berth.Index.Data;
using Berth.Index.Organizations;
using Berth.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Berth.Web.Tests;

/// <summary>The web UI with the index on PostgreSQL (full-text search there is tsvector, not FTS5).</summary>
public sealed class PostgreSqlWebUiTests : IClassFixture<PostgreSqlWebUiFixture>
{
    private readonly PostgreSqlWebUiFixture _fixture;

    public PostgreSqlWebUiTests(PostgreSqlWebUiFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Search_SignedOut_FindsThePublicRepositoryOnly_AndSortsByName()
    {
        await _fixture.PushAsync("alice/harbour-public", "v1", "alice", WebUiFixture.AlicePassword);
        await _fixture.PushAsync("alice/harbour-private", "v1", "alice", WebUiFixture.AlicePassword);
        await _fixture.PushAsync("bob/harbour-tools", "v1", "bob", WebUiFixture.BobPassword);
        var organizations = _fixture.Server.Services.GetRequiredService<OrganizationService>();
        await organizations.SetVisibilityAsync("alice/harbour-public", RepositoryVisibility.Public, "test", default);
        await organizations.SetVisibilityAsync("bob/harbour-tools", RepositoryVisibility.Public, "test", default);

        var page = await _fixture.NewPageAsync();
        await page.GotoAsync("/explore?q=harbour&sort=name");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("2 repositories");
        var names = await page.Locator(".repo-card h3 a").AllTextContentsAsync();
        Assert.Equal(["alice/harbour-public", "bob/harbour-tools"], names);
        Assert.Equal(404, (await page.GotoAsync("/r/alice/harbour-private"))!.Status);

        await WebUiFixture.SignInAsync(page, "alice", WebUiFixture.AlicePassword);
        await page.GotoAsync("/explore?q=harbour&sort=name");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("3 repositories");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "alice/harbour-private" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}
