using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Berth.Index.Accounts;
using Berth.Index.Data;
using Berth.Index.Organizations;
using Berth.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Berth.Index.Tests.Infrastructure;

/// <summary>
/// A real Berth with auth on (registry and index in one process) and a fresh database of the subclass's provider.
/// Every index test class is abstract with one sealed subclass per provider, so each test runs on SQLite and PostgreSQL.
/// </summary>
public abstract class IndexTestBase : IAsyncLifetime
{
    protected const string AdminPassword = "admin-secret-1";
    protected const string Service = "berth";
    private TestDatabase? _database;

    protected BerthTestServer Server { get; private set; } = null!;

    protected HttpClient Http { get; private set; } = null!;

    protected abstract DatabaseProvider Provider { get; }

    /// <summary>Extra settings a test class needs.</summary>
    protected virtual IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>();

    /// <summary>Changes to the server a test class needs beyond settings (test-only endpoints).</summary>
    protected virtual Action<WebApplicationBuilder>? ConfigureServer => null;

    protected AccountService Accounts => Server.Services.GetRequiredService<AccountService>();

    protected OrganizationService Organizations => Server.Services.GetRequiredService<OrganizationService>();

    protected AccessTokenService AccessTokens => Server.Services.GetRequiredService<AccessTokenService>();

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(Provider);
        var settings = new Dictionary<string, string?>(_database.Settings)
        {
            ["Auth:Mode"] = "Token",
            ["Index:AdminPassword"] = AdminPassword,
            ["Index:BcryptWorkFactor"] = "4",
        };
        foreach (var (key, value) in ExtraSettings)
        {
            settings[key] = value;
        }

        Server = await BerthTestServer.StartAsync(settings, ConfigureServer);
        Http = Server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    protected static string Query(params string[] scopes) =>
        "/token?service=" + Service + string.Concat(scopes.Select(s => "&scope=" + Uri.EscapeDataString(s)));

    /// <summary>GET /token, returning the status and the parsed body.</summary>
    protected async Task<(int Status, JsonElement Body)> GetTokenAsync(string? user, string? password, params string[] scopes)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Query(scopes));
        if (user is not null)
        {
            request.Headers.Authorization = Basic(user, password!);
        }

        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>The access a token grants, as "type:name:actions" strings.</summary>
    protected static List<string> Granted(string token)
    {
        var payload = Payload(token);
        return payload.GetProperty("access").EnumerateArray()
            .Select(e => $"{e.GetProperty("type").GetString()}:{e.GetProperty("name").GetString()}:{string.Join(',', e.GetProperty("actions").EnumerateArray().Select(a => a.GetString()))}")
            .ToList();
    }

    protected static JsonElement Payload(string token) =>
        JsonDocument.Parse(Base64UrlEncoder.Decode(token.Split('.')[1])).RootElement.Clone();

    /// <summary>A token the caller may use, granted for the given scopes with the given credentials.</summary>
    protected async Task<string> TokenAsync(string? user, string? password, params string[] scopes)
    {
        var (status, body) = await GetTokenAsync(user, password, scopes);
        Assert.Equal(200, status);
        return body.GetProperty("token").GetString()!;
    }

    protected async Task<int> AuditCountAsync(string kind, bool success)
    {
        await using var db = Server.Services.GetRequiredService<IndexDbContextFactory>().Create();
        return await db.AuditEvents.CountAsync(e => e.Kind == kind && e.Success == success);
    }
}
