using System.Net.Http.Headers;
using System.Text.Json;
using Berth.Index.Data;
using Berth.Index.Tests.Infrastructure;

namespace Berth.Index.Tests.Tokens;

/// <summary>
/// docker search after docker login: docker fetches a token with scope registry:catalog:search and sends it as Bearer
/// to /v1/search. The token stands for its account, so private repositories it may pull are listed.
/// </summary>
public abstract class CatalogSearchTokenTests : IndexTestBase
{
    [Fact]
    public async Task DockerSearch_WithBearerTokenForCatalogSearch_ListsTheUsersPrivateRepositories()
    {
        await Accounts.CreateUserAsync("alice", "alice-password", false, "test", default);
        await Organizations.SetVisibilityAsync("alice/secret-tool", RepositoryVisibility.Private, "test", default);
        await Organizations.SetVisibilityAsync("admin/secret-other", RepositoryVisibility.Private, "test", default);
        var token = await TokenAsync("alice", "alice-password", "registry:catalog:search");
        Assert.Contains("registry:catalog:search", Granted(token));

        var withToken = await SearchAsync("secret", new AuthenticationHeaderValue("Bearer", token));
        var anonymous = await SearchAsync("secret", null);

        Assert.Equal(200, withToken.Status);
        Assert.Equal(["alice/secret-tool"], withToken.Body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        Assert.Equal(0, anonymous.Body.GetProperty("num_results").GetInt32());
    }

    [Fact]
    public async Task DockerSearch_WithTokenWithoutTheSearchGrant_SearchesAnonymously()
    {
        await Accounts.CreateUserAsync("alice", "alice-password", false, "test", default);
        await Organizations.SetVisibilityAsync("alice/secret-tool", RepositoryVisibility.Private, "test", default);
        var token = await TokenAsync("alice", "alice-password", "repository:alice/secret-tool:pull");

        var (status, body) = await SearchAsync("secret", new AuthenticationHeaderValue("Bearer", token));

        Assert.Equal(200, status);
        Assert.Equal(0, body.GetProperty("num_results").GetInt32());
    }

    [Fact]
    public async Task DockerSearch_WithABearerTokenTheIndexDidNotIssue_IsUnauthorized()
    {
        var token = await TokenAsync("admin", AdminPassword, "registry:catalog:search");
        var forged = token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");

        var (status, _) = await SearchAsync("x", new AuthenticationHeaderValue("Bearer", forged));

        Assert.Equal(401, status);
    }

    [Fact]
    public async Task CatalogSearchScope_IsGrantedToEveryAccountAndAdministrators_TheWholeCatalogOnlyToAdministrators()
    {
        await Accounts.CreateUserAsync("alice", "alice-password", false, "test", default);

        Assert.Contains("registry:catalog:search", Granted(await TokenAsync("admin", AdminPassword, "registry:catalog:search")));
        Assert.Contains("registry:catalog:*", Granted(await TokenAsync("admin", AdminPassword, "registry:catalog:*")));
        Assert.Contains("registry:catalog:search", Granted(await TokenAsync("alice", "alice-password", "registry:catalog:search")));
        Assert.DoesNotContain(Granted(await TokenAsync("alice", "alice-password", "registry:catalog:*")), g => g.StartsWith("registry:catalog", StringComparison.Ordinal));
        Assert.Empty(Granted(await TokenAsync(null, null, "registry:catalog:search")));
    }

    private async Task<(int Status, JsonElement Body)> SearchAsync(string query, AuthenticationHeaderValue? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/search?q=" + Uri.EscapeDataString(query));
        request.Headers.Authorization = authorization;
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.StartsWith('{') ? JsonDocument.Parse(text).RootElement.Clone() : default);
    }
}
