using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Berth.Index.Data;
using Berth.Index.Metadata;
using Berth.Index.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Index.Tests.Api;

/// <summary>The JSON API as clients and the UI's browser use it: Basic, Bearer PAT and cookie with antiforgery.</summary>
public abstract class ApiTests : IndexTestBase
{
    protected override Action<WebApplicationBuilder>? ConfigureServer => b => b.Services.AddSingleton<IStartupFilter, TestSignInStartupFilter>();

    [Fact]
    public async Task Me_WithBasicPasswordOrBearerToken_NamesTheAccount_WrongCredentialsAre401()
    {
        await Accounts.CreateUserAsync("alice", "alice-password", false, "test", default);
        var pat = await AccessTokens.CreateAsync("alice", "cli", ["pull"], null, "test", default);

        var basic = await GetJsonAsync("/api/v1/me", Basic("alice", "alice-password"));
        var bearer = await GetJsonAsync("/api/v1/me", new AuthenticationHeaderValue("Bearer", pat));

        Assert.Equal("alice", basic.Body.GetProperty("name").GetString());
        Assert.Equal("alice", bearer.Body.GetProperty("name").GetString());
        Assert.Equal("pull", bearer.Body.GetProperty("tokenActions")[0].GetString());
        Assert.Equal(401, (await GetJsonAsync("/api/v1/me", null)).Status);
        Assert.Equal(401, (await GetJsonAsync("/api/v1/me", Basic("alice", "wrong"))).Status);
        Assert.Equal(401, (await GetJsonAsync("/api/v1/repositories", new AuthenticationHeaderValue("Bearer", "berth_pat_0000000000000000_nope"))).Status);
    }

    [Fact]
    public async Task Repository_Api_ShowsTagsManifestAndStars_PrivateIs404ToOthers()
    {
        await Accounts.CreateUserAsync("bob", "bob-password", false, "test", default);
        var token = await TokenAsync("admin", AdminPassword, "repository:acme/api:pull,push");
        var digest = await TestImages.PushImageAsync(Http, token, "acme/api", "v1");
        await Server.Services.GetRequiredService<MetadataQueue>().FlushAsync(default);
        var admin = Basic("admin", AdminPassword);

        var repository = await GetJsonAsync("/api/v1/repositories/acme/api", admin);
        var tag = await GetJsonAsync("/api/v1/tags/v1/acme/api", admin);
        var manifest = await GetJsonAsync($"/api/v1/manifests/{digest}/acme/api", admin);

        Assert.Equal(200, repository.Status);
        Assert.Equal("v1", repository.Body.GetProperty("tags")[0].GetProperty("name").GetString());
        Assert.Equal("Private", repository.Body.GetProperty("summary").GetProperty("visibility").GetString());
        Assert.Equal(digest, tag.Body.GetProperty("tag").GetProperty("digest").GetString());
        Assert.Single(manifest.Body.GetProperty("layers").EnumerateArray());
        Assert.Equal(404, (await GetJsonAsync("/api/v1/repositories/acme/api", Basic("bob", "bob-password"))).Status);
        Assert.Equal(404, (await GetJsonAsync("/api/v1/tags/v1/acme/api", null)).Status);

        using var star = new HttpRequestMessage(HttpMethod.Put, "/api/v1/stars/acme/api");
        star.Headers.Authorization = admin;
        using var starred = await Http.SendAsync(star);
        Assert.Equal(1, (await starred.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("starCount").GetInt32());
    }

    [Fact]
    public async Task Settings_ByCookie_NeedAntiforgeryToken_ByBasic_NeedPermission()
    {
        await Accounts.CreateUserAsync("bob", "bob-password", false, "test", default);
        await Organizations.SetVisibilityAsync("acme/api", RepositoryVisibility.Public, "test", default);
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
        using var browser = new HttpClient(handler) { BaseAddress = Server.BaseAddress };
        using (var signIn = await browser.PostAsync($"/test-signin?user=admin&password={AdminPassword}", null))
        {
            Assert.Equal(204, (int)signIn.StatusCode);
        }

        using (var forged = await browser.PatchAsJsonAsync("/api/v1/repositories/acme/api", new { description = "forged" }))
        {
            Assert.Equal(400, (int)forged.StatusCode);
        }

        var antiforgery = await browser.GetFromJsonAsync<JsonElement>("/api/v1/antiforgery");
        using var patch = new HttpRequestMessage(HttpMethod.Patch, "/api/v1/repositories/acme/api") { Content = JsonContent.Create(new { description = "From the UI" }) };
        patch.Headers.Add(antiforgery.GetProperty("headerName").GetString()!, antiforgery.GetProperty("token").GetString());
        using (var changed = await browser.SendAsync(patch))
        {
            Assert.Equal(204, (int)changed.StatusCode);
        }

        using var bobPatch = new HttpRequestMessage(HttpMethod.Patch, "/api/v1/repositories/acme/api") { Content = JsonContent.Create(new { visibility = "Private" }) };
        bobPatch.Headers.Authorization = Basic("bob", "bob-password");
        using (var refused = await Http.SendAsync(bobPatch))
        {
            Assert.Equal(403, (int)refused.StatusCode);
        }

        var after = await GetJsonAsync("/api/v1/repositories/acme/api", null);
        Assert.Equal("From the UI", after.Body.GetProperty("summary").GetProperty("description").GetString());
        Assert.Equal("Public", after.Body.GetProperty("summary").GetProperty("visibility").GetString());
    }

    [Fact]
    public async Task AccessTokens_CreateShowsSecretOnce_ListHidesIt_RevokeEndsIt()
    {
        await Accounts.CreateUserAsync("alice", "alice-password", false, "test", default);
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/v1/me/tokens") { Content = JsonContent.Create(new { name = "laptop", actions = new[] { "pull", "push" } }) };
        create.Headers.Authorization = Basic("alice", "alice-password");
        using var created = await Http.SendAsync(create);
        Assert.Equal(201, (int)created.StatusCode);
        var secret = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;

        var list = await GetJsonAsync("/api/v1/me/tokens", Basic("alice", "alice-password"));
        Assert.Equal("laptop", list.Body[0].GetProperty("name").GetString());
        Assert.DoesNotContain(secret, list.Body.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(200, (await GetJsonAsync("/api/v1/me", new AuthenticationHeaderValue("Bearer", secret))).Status);

        using var revoke = new HttpRequestMessage(HttpMethod.Delete, "/api/v1/me/tokens/laptop");
        revoke.Headers.Authorization = Basic("alice", "alice-password");
        using (var revoked = await Http.SendAsync(revoke))
        {
            Assert.Equal(204, (int)revoked.StatusCode);
        }

        Assert.Equal(401, (await GetJsonAsync("/api/v1/me", new AuthenticationHeaderValue("Bearer", secret))).Status);
    }

    [Fact]
    public async Task DockerSearch_AnswersDockerHubShape_WithPublicRepositoriesOnly()
    {
        await Organizations.SetVisibilityAsync("tools/nginx", RepositoryVisibility.Public, "test", default);
        await Organizations.SetVisibilityAsync("tools/nginx-secret", RepositoryVisibility.Private, "test", default);

        var (status, body) = await GetJsonAsync("/v1/search?q=nginx&n=10", null);

        Assert.Equal(200, status);
        Assert.Equal(1, body.GetProperty("num_results").GetInt32());
        Assert.Equal(1, body.GetProperty("num_pages").GetInt32());
        Assert.Equal(1, body.GetProperty("page").GetInt32());
        Assert.Equal(10, body.GetProperty("page_size").GetInt32());
        Assert.Equal("nginx", body.GetProperty("query").GetString());
        var result = Assert.Single(body.GetProperty("results").EnumerateArray());
        Assert.Equal("tools/nginx", result.GetProperty("name").GetString());
        Assert.Equal(0, result.GetProperty("star_count").GetInt32());
        Assert.False(result.GetProperty("is_official").GetBoolean());
        Assert.False(result.GetProperty("is_automated").GetBoolean());
        Assert.Equal(2, (await GetJsonAsync("/v1/search?q=nginx", Basic("admin", AdminPassword))).Body.GetProperty("num_results").GetInt32());
    }

    [Fact]
    public async Task OpenApiDocument_ListsTheApiRoutes()
    {
        var (status, body) = await GetJsonAsync("/api/v1/openapi.json", null);

        Assert.Equal(200, status);
        var paths = body.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var expected in new[]
        {
            "/api/v1/repositories", "/api/v1/repositories/{name}", "/api/v1/tags/{tag}/{name}", "/api/v1/manifests/{digest}/{name}",
            "/api/v1/stars/{name}", "/api/v1/team-permissions/{name}", "/api/v1/me", "/api/v1/me/tokens", "/api/v1/me/tokens/{tokenName}",
            "/api/v1/namespaces/{name}", "/v1/search",
        })
        {
            Assert.Contains(expected, paths);
        }

        Assert.DoesNotContain(paths, p => p.StartsWith("/v2", StringComparison.Ordinal));
    }

    private async Task<(int Status, JsonElement Body)> GetJsonAsync(string path, AuthenticationHeaderValue? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = authorization;
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 || !text.TrimStart().StartsWith('{') && !text.TrimStart().StartsWith('[') ? default : JsonDocument.Parse(text).RootElement.Clone());
    }
}
