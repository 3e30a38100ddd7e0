using System.Net;
using Berth.Index.Accounts;
using Berth.Index.Data;
using Berth.Index.Tokens;
using Berth.Registry.Api.Auth;
using Berth.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Berth.Index.Tests.Roles;

/// <summary>
/// The two-process layout: an index (Role=Index) and a registry (Role=Registry) as two Kestrel hosts; the registry
/// verifies the index's tokens with the keys it fetches from the index's JWKS, and sends clients to the index's /token.
/// </summary>
public abstract class SeparateProcessesTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private BerthTestServer _index = null!;
    private BerthTestServer _registry = null!;

    // The registry's clock, so the JWKS refetch bound is stepped over instead of waited out; it starts at the real
    // time because the index signs its tokens by the real clock.
    private readonly FakeTimeProvider _registryTime = new(DateTimeOffset.UtcNow);

    protected abstract DatabaseProvider Provider { get; }

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(Provider);
        var indexSettings = new Dictionary<string, string?>(_database.Settings)
        {
            ["Berth:Role"] = "Index",
            ["Auth:Mode"] = "Token",
            ["Index:AdminPassword"] = "admin-secret-1",
            ["Index:BcryptWorkFactor"] = "4",
        };
        _index = await BerthTestServer.StartAsync(indexSettings);
        _registry = await BerthTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Berth:Role"] = "Registry",
            ["Auth:Mode"] = "Token",
            ["Auth:IndexUrl"] = _index.BaseAddress.ToString(),
        }, builder => builder.Services.AddSingleton<TimeProvider>(_registryTime));
    }

    public async Task DisposeAsync()
    {
        await _registry.DisposeAsync();
        await _index.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Registry_VerifiesIndexTokensWithItsPublishedKeys_AndRefusesOthers()
    {
        await _index.Services.GetRequiredService<AccountService>().CreateUserAsync("alice", "alice-password", false, "test", default);
        using var http = _index.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/token?service=berth&scope=repository:alice/app:pull,push");
        request.Headers.Authorization = new("Basic", Convert.ToBase64String("alice:alice-password"u8.ToArray()));
        using var response = await http.SendAsync(request);
        var token = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("token").GetString()!;

        var access = RegistryAccess.Repository("alice/app", "pull", "push");
        Assert.Null(await CheckAsync(_registry, token, access));
        var refused = await CheckAsync(_registry, token, RegistryAccess.Repository("alice/other", "pull"));
        Assert.NotNull(refused);
        Assert.Equal(StatusCodes.Status401Unauthorized, refused.StatusCode);
        Assert.StartsWith($"Bearer realm=\"{_index.BaseAddress}token\",service=\"berth\"", refused.Challenge, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registry_AfterKeyRotation_VerifiesTokensOfTheNewKey()
    {
        using var http = _index.CreateClient();
        var before = await TokenAsync(http);
        Assert.Null(await CheckAsync(_registry, before, RegistryAccess.Repository("admin/app", "pull")));

        await _index.Services.GetRequiredService<SigningKeyStore>().RotateAsync(default);
        var after = await TokenAsync(http);

        // The unknown key id makes the registry re-read the JWKS, at most once per 5 s.
        Assert.NotNull(await CheckAsync(_registry, after, RegistryAccess.Repository("admin/app", "pull")));
        _registryTime.Advance(TimeSpan.FromSeconds(5.5));
        Assert.Null(await CheckAsync(_registry, after, RegistryAccess.Repository("admin/app", "pull")));
        Assert.Null(await CheckAsync(_registry, before, RegistryAccess.Repository("admin/app", "pull")));
    }

    [Fact]
    public async Task IndexRole_ServesNoRegistryApi_AndRegistryRole_NoTokenService()
    {
        using var index = _index.CreateClient();
        using var registry = _registry.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await index.GetAsync("/v2/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await registry.GetAsync("/token?service=berth")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await registry.GetAsync("/.well-known/jwks.json")).StatusCode);
    }

    private static async Task<string> TokenAsync(HttpClient http)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/token?service=berth&scope=repository:admin/app:pull");
        request.Headers.Authorization = new("Basic", Convert.ToBase64String("admin:admin-secret-1"u8.ToArray()));
        using var response = await http.SendAsync(request);
        return System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("token").GetString()!;
    }

    private static async Task<AuthErrorResult?> CheckAsync(BerthTestServer registry, string token, RegistryAccess access)
    {
        var context = new DefaultHttpContext { RequestServices = registry.Services };
        context.Request.Headers.Authorization = "Bearer " + token;
        var result = await registry.Services.GetRequiredService<IRegistryAccessGuard>().CheckAsync(context, access, default);
        return result is null ? null : Assert.IsType<AuthErrorResult>(result);
    }
}
