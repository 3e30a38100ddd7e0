using Berth.Index.Accounts;
using Berth.Index.Data;
using Berth.Index.Metadata;
using Berth.Index.Repositories;
using Berth.Index.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Index.Tests.Metadata;

/// <summary>Metadata kept from registry events, listing and search with visibility, stars, settings and backfill.</summary>
public abstract class MetadataTests : IndexTestBase
{
    private RepositoryQueries Queries => Server.Services.GetRequiredService<RepositoryQueries>();

    private MetadataQueue Queue => Server.Services.GetRequiredService<MetadataQueue>();

    [Fact]
    public async Task Push_Image_RecordsTagWithSizePlatformLabelsAndLayers()
    {
        var token = await TokenAsync("admin", AdminPassword, "repository:acme/api:pull,push");
        var digest = await TestImages.PushImageAsync(Http, token, "acme/api", "v1", new Dictionary<string, string> { ["org.opencontainers.image.title"] = "API" }, layerBytes: 2048);
        await Queue.FlushAsync(default);

        var detail = await Queries.GetAsync("acme/api", await AdminAsync(), default);

        Assert.NotNull(detail);
        var tag = Assert.Single(detail.Tags);
        Assert.Equal("v1", tag.Name);
        Assert.Equal(digest, tag.Digest);
        Assert.Equal(["linux/amd64"], tag.Platforms);
        Assert.Equal(new DateTime(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc), tag.CreatedAt);
        Assert.True(tag.Size > 2048);
        Assert.NotNull(detail.Summary.LastPushedAt);
        Assert.True(detail.Summary.TotalSize > 2048);
        var full = await Queries.GetTagAsync("acme/api", "v1", await AdminAsync(), default);
        Assert.Equal("API", full!.Labels["org.opencontainers.image.title"]);
        Assert.Equal(2048, Assert.Single(full.Manifest.Layers).Size);
        Assert.Equal("linux/amd64", full.Manifest.Platform);
    }

    [Fact]
    public async Task Push_Index_RecordsPlatformsOfItsManifests()
    {
        var token = await TokenAsync("admin", AdminPassword, "repository:acme/multi:pull,push");
        var digest = await TestImages.PushIndexAsync(Http, token, "acme/multi", "latest");
        await Queue.FlushAsync(default);

        var tag = await Queries.GetTagAsync("acme/multi", "latest", await AdminAsync(), default);

        Assert.NotNull(tag);
        Assert.Equal(digest, tag.Tag.Digest);
        Assert.Equal(TestImages.OciIndex, tag.Tag.MediaType);
        Assert.Equal(["linux/amd64", "linux/arm64"], tag.Tag.Platforms);
        Assert.Equal(2, tag.Manifest.Manifests.Count);
        Assert.Equal("linux/arm64", tag.Manifest.Manifests[1].Platform);
    }

    [Fact]
    public async Task Listing_ShowsPublicToAnonymous_AndPrivateOnlyToThoseWhoMayRead()
    {
        await Accounts.CreateUserAsync("alice", "alice-password", false, "test", default);
        await Accounts.CreateUserAsync("bob", "bob-password", false, "test", default);
        var token = await TokenAsync("admin", AdminPassword, "repository:alice/public:pull,push", "repository:alice/secret:pull,push");
        await TestImages.PushImageAsync(Http, token, "alice/public", "1");
        await TestImages.PushImageAsync(Http, token, "alice/secret", "1");
        await Queue.FlushAsync(default);
        await Organizations.SetVisibilityAsync("alice/public", RepositoryVisibility.Public, "test", default);
        var all = new RepositoryListRequest { Sort = RepositorySort.Name };

        var anonymous = await Queries.ListAsync(all, null, default);
        var alice = await Queries.ListAsync(all, await LoginAsync("alice", "alice-password"), default);
        var bob = await Queries.ListAsync(all, await LoginAsync("bob", "bob-password"), default);

        Assert.Equal(["alice/public"], anonymous.Items.Select(r => r.Name));
        Assert.Equal(1, anonymous.Total);
        Assert.Equal(["alice/public", "alice/secret"], alice.Items.Select(r => r.Name));
        Assert.Equal(["alice/public"], bob.Items.Select(r => r.Name));
        Assert.Null(await Queries.GetAsync("alice/secret", null, default));
        Assert.Null(await Queries.GetTagAsync("alice/secret", "1", await LoginAsync("bob", "bob-password"), default));
    }

    [Fact]
    public async Task Search_MatchesWordsOfNamesAndDescriptions_ByPrefix_WithinVisibility()
    {
        var settings = Server.Services.GetRequiredService<RepositorySettingsService>();
        var admin = await AdminAsync();
        foreach (var (name, description) in new[] { ("tools/nginx-proxy", "Reverse proxy"), ("tools/postgres", "Relational database server"), ("tools/hidden-proxy", "Private proxy") })
        {
            await Organizations.SetVisibilityAsync(name, name.Contains("hidden", StringComparison.Ordinal) ? RepositoryVisibility.Private : RepositoryVisibility.Public, "test", default);
            await settings.UpdateAsync(admin, name, new RepositorySettings(description, null, null), default);
        }

        async Task<string[]> Find(string q) =>
            [.. (await Queries.ListAsync(new RepositoryListRequest { Query = q, Sort = RepositorySort.Name }, null, default)).Items.Select(r => r.Name)];

        Assert.Equal(["tools/nginx-proxy"], await Find("nginx"));
        Assert.Equal(["tools/nginx-proxy"], await Find("ngi"));
        Assert.Equal(["tools/nginx-proxy"], await Find("proxy"));
        Assert.Equal(["tools/postgres"], await Find("relational data"));
        Assert.Equal(["tools/nginx-proxy", "tools/postgres"], await Find("tools"));
        Assert.Empty(await Find("hidden"));
        Assert.Empty(await Find("\" OR 1=1 --"));
        Assert.Equal(3, (await Queries.ListAsync(new RepositoryListRequest { Query = "tools" }, admin, default)).Total);
    }

    [Fact]
    public async Task Pulls_AreCountedPerRepository_AndSortTheListing()
    {
        var token = await TokenAsync("admin", AdminPassword, "repository:acme/a:pull,push", "repository:acme/b:pull,push");
        await TestImages.PushImageAsync(Http, token, "acme/a", "1");
        await TestImages.PushImageAsync(Http, token, "acme/b", "1");
        for (var i = 0; i < 3; i++)
        {
            using var get = new HttpRequestMessage(HttpMethod.Get, "/v2/acme/b/manifests/1");
            get.Headers.Authorization = new("Bearer", token);
            using var response = await Http.SendAsync(get);
            Assert.True(response.IsSuccessStatusCode);
        }

        await Queue.FlushAsync(default);
        var page = await Queries.ListAsync(new RepositoryListRequest { Sort = RepositorySort.Pulls }, await AdminAsync(), default);

        Assert.Equal(["acme/b", "acme/a"], page.Items.Select(r => r.Name));
        Assert.Equal(3, page.Items[0].PullCount);
    }

    [Fact]
    public async Task Star_CountsOncePerUser_AndUnstarRemovesIt()
    {
        await Accounts.CreateUserAsync("alice", "alice-password", false, "test", default);
        await Organizations.SetVisibilityAsync("acme/api", RepositoryVisibility.Public, "test", default);
        var stars = Server.Services.GetRequiredService<StarService>();
        var alice = await LoginAsync("alice", "alice-password");

        Assert.Equal(1, await stars.SetAsync(alice, "acme/api", true, default));
        Assert.Equal(1, await stars.SetAsync(alice, "acme/api", true, default));
        Assert.Equal(2, await stars.SetAsync(await AdminAsync(), "acme/api", true, default));
        Assert.True((await Queries.GetAsync("acme/api", alice, default))!.StarredByViewer);
        Assert.Equal(1, await stars.SetAsync(alice, "acme/api", false, default));
        Assert.Null(await stars.SetAsync(alice, "acme/private", true, default));
        Assert.Equal(["acme/api"], (await Queries.ListAsync(new RepositoryListRequest { StarredBy = "admin" }, null, default)).Items.Select(r => r.Name));
    }

    [Fact]
    public async Task Readme_IsRenderedAndSanitised_AndOnlyWritersMayChangeIt()
    {
        await Accounts.CreateUserAsync("bob", "bob-password", false, "test", default);
        await Organizations.SetVisibilityAsync("acme/api", RepositoryVisibility.Public, "test", default);
        var settings = Server.Services.GetRequiredService<RepositorySettingsService>();
        const string readme = "# Title\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) **bold**";
        var bob = await LoginAsync("bob", "bob-password");

        Assert.True(await settings.UpdateAsync(await AdminAsync(), "acme/api", new RepositorySettings("Short", readme, null), default));
        await Assert.ThrowsAsync<IndexForbiddenException>(() => settings.UpdateAsync(bob, "acme/api", new RepositorySettings("Mine", null, null), default));
        var detail = await Queries.GetAsync("acme/api", null, default);

        Assert.Equal(readme, detail!.ReadmeMarkdown);
        Assert.Contains("<h1", detail.ReadmeHtml, StringComparison.Ordinal);
        Assert.Contains("<strong>bold</strong>", detail.ReadmeHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", detail.ReadmeHtml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", detail.ReadmeHtml, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Short", detail.Summary.Description);
    }

    [Fact]
    public async Task DeleteTag_RemovesItFromRegistryAndMetadata()
    {
        var token = await TokenAsync("admin", AdminPassword, "repository:acme/api:pull,push");
        await TestImages.PushImageAsync(Http, token, "acme/api", "old");
        await Queue.FlushAsync(default);
        var settings = Server.Services.GetRequiredService<RepositorySettingsService>();

        Assert.True(await settings.DeleteTagAsync(await AdminAsync(), "acme/api", "old", default));

        Assert.Empty((await Queries.GetAsync("acme/api", await AdminAsync(), default))!.Tags);
        using var get = new HttpRequestMessage(HttpMethod.Get, "/v2/acme/api/manifests/old");
        get.Headers.Authorization = new("Bearer", token);
        using var response = await Http.SendAsync(get);
        Assert.Equal(404, (int)response.StatusCode);
    }

    [Fact]
    public async Task Repository_PushedBeforeMetadataExisted_IsIndexedAtStartAndOnFirstView()
    {
        var token = await TokenAsync("admin", AdminPassword, "repository:acme/old:pull,push", "repository:acme/older:pull,push");
        await TestImages.PushImageAsync(Http, token, "acme/old", "1.0");
        await TestImages.PushImageAsync(Http, token, "acme/older", "2.0");
        await Queue.FlushAsync(default);
        await using (var db = Server.Services.GetRequiredService<IndexDbContextFactory>().Create())
        {
            await db.Repositories.ExecuteDeleteAsync();
        }

        Assert.Equal(["1.0"], (await Queries.GetAsync("acme/old", await AdminAsync(), default))!.Tags.Select(t => t.Name));
        Assert.Equal(1, await Server.Services.GetRequiredService<MetadataBackfill>().RunAsync(default));
        Assert.Equal(2, (await Queries.ListAsync(new RepositoryListRequest(), await AdminAsync(), default)).Total);
    }

    private async Task<IndexPrincipal> AdminAsync() => await LoginAsync("admin", AdminPassword);

    private async Task<IndexPrincipal> LoginAsync(string user, string password) =>
        (await Server.Services.GetRequiredService<Authenticator>().LoginAsync(user, password, null, default)).Principal!;
}
