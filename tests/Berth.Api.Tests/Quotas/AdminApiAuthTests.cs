using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Berth.Index.Accounts;
using Berth.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Api.Tests.Quotas;

/// <summary>With auth on, the admin API answers administrators only: a challenge without a token, a refusal for a user's token.</summary>
public sealed class AdminApiAuthTests : IAsyncLifetime
{
    private const string AdminPassword = "admin-password-1";
    private const string UserPassword = "carol-password-1";
    private BerthTestServer? _server;

    private BerthTestServer Server => _server ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        _server = await BerthTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Auth:Mode"] = "Token",
            ["Index:AdminPassword"] = AdminPassword,
            ["Index:BcryptWorkFactor"] = "4",
            ["GarbageCollection:Enabled"] = "false",
        });
        await Server.Services.GetRequiredService<AccountService>().CreateUserAsync("carol", UserPassword, false, "test", default);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("GET", "/api/v1/admin/storage")]
    [InlineData("GET", "/api/v1/admin/quotas/carol")]
    [InlineData("PUT", "/api/v1/admin/quotas/carol")]
    [InlineData("DELETE", "/api/v1/admin/quotas/carol")]
    [InlineData("GET", "/api/v1/admin/gc/runs")]
    [InlineData("POST", "/api/v1/admin/gc/runs")]
    public async Task AdminApi_WithoutToken_Answers401WithTheCatalogScope(string method, string path)
    {
        using var http = Server.CreateClient();
        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{\"limitBytes\":1}", Encoding.UTF8, "application/json") });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("registry:catalog:*", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminApi_WithAUsersToken_IsRefused_AndChangesNothing()
    {
        using var http = Server.CreateClient();
        var token = await TokenAsync(http, "carol", UserPassword);

        using var storage = await SendAsync(http, HttpMethod.Get, "/api/v1/admin/storage", token);
        using var put = await SendAsync(http, HttpMethod.Put, "/api/v1/admin/quotas/carol", token, "{\"limitBytes\":1}");
        using var run = await SendAsync(http, HttpMethod.Post, "/api/v1/admin/gc/runs", token);

        Assert.All([storage, put, run], r => Assert.True(r.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"{r.RequestMessage!.Method} {r.RequestMessage.RequestUri}: {(int)r.StatusCode}"));
        var adminToken = await TokenAsync(http, "admin", AdminPassword);
        using var quota = await SendAsync(http, HttpMethod.Get, "/api/v1/admin/quotas/carol", adminToken);
        Assert.Equal("none", JsonDocument.Parse(await quota.Content.ReadAsStringAsync()).RootElement.GetProperty("source").GetString());
    }

    [Fact]
    public async Task AdminApi_WithTheAdministratorsToken_SetsAQuotaAndRunsACollection()
    {
        using var http = Server.CreateClient();
        var token = await TokenAsync(http, "admin", AdminPassword);

        using var put = await SendAsync(http, HttpMethod.Put, "/api/v1/admin/quotas/carol", token, "{\"limitBytes\":1048576}");
        using var storage = await SendAsync(http, HttpMethod.Get, "/api/v1/admin/storage", token);
        using var run = await SendAsync(http, HttpMethod.Post, "/api/v1/admin/gc/runs", token, "{\"dryRun\":true}");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var row = JsonDocument.Parse(await storage.Content.ReadAsStringAsync()).RootElement.GetProperty("namespaces").EnumerateArray().Single(n => n.GetProperty("namespace").GetString() == "carol");
        Assert.Equal(1048576, row.GetProperty("quotaBytes").GetInt64());
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        Assert.True(JsonDocument.Parse(await run.Content.ReadAsStringAsync()).RootElement.GetProperty("dryRun").GetBoolean());
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, string token, string? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return await http.SendAsync(request);
    }

    private static async Task<string> TokenAsync(HttpClient http, string user, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/token?service=berth&scope=" + Uri.EscapeDataString("registry:catalog:*"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("token").GetString()!;
    }
}
