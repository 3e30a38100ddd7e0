using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Berth.Index.Accounts;
using Berth.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Api.Tests.Policies;

/// <summary>With auth on, the policy admin API takes only an administrator's token (scope registry:catalog:*).</summary>
public sealed class PolicyApiAuthTests : IAsyncLifetime
{
    private const string AdminPassword = "admin-secret-1";
    private BerthTestServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await BerthTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Auth:Mode"] = "Token",
            ["Index:AdminPassword"] = AdminPassword,
            ["Index:BcryptWorkFactor"] = "4",
            ["GarbageCollection:Enabled"] = "false",
            ["Retention:Enabled"] = "false",
        });
        await _server.Services.GetRequiredService<AccountService>().CreateUserAsync("alice", "alice-password", false, "test", default);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task WithoutToken_IsUnauthorizedWithCatalogChallenge()
    {
        using var http = _server.CreateClient();

        using var list = await http.GetAsync("/api/v1/admin/policies");
        using var put = await PolicyApi.PutAsync(http, "alice", """{"immutableTags":[{"tags":"*"}]}""");
        using var retention = await http.PostAsync("/api/v1/admin/retention", null);

        Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, put.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, retention.StatusCode);
        Assert.Contains("registry:catalog:*", list.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonAdminToken_IsDenied_AndWritesNothing()
    {
        using var http = _server.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(http, "alice", "alice-password"));

        using var put = await PolicyApi.PutAsync(http, "alice", """{"immutableTags":[{"tags":"*"}]}""");

        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Contains("DENIED", await put.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await _server.Services.GetRequiredService<Berth.Registry.Policies.NamespacePolicyStore>().ListAsync(default));
    }

    [Fact]
    public async Task AdminToken_WritesAndReadsPolicies()
    {
        using var http = _server.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(http, "admin", AdminPassword));

        using var put = await PolicyApi.PutAsync(http, "alice", """{"immutableTags":[{"tags":"v*"}]}""");
        using var get = await http.GetAsync("/api/v1/admin/policies/alice");

        Assert.True(put.StatusCode == HttpStatusCode.OK, $"{put.StatusCode} {put.Headers.WwwAuthenticate} {await put.Content.ReadAsStringAsync()}");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Contains("\"v*\"", await get.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<string> TokenAsync(HttpClient http, string user, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/token?service=berth&scope=" + Uri.EscapeDataString("registry:catalog:*"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("token").GetString()!;
    }
}
