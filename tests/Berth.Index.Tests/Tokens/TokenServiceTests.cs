using System.Net;
using Berth.Index.Data;
using Berth.Index.Tests.Infrastructure;

namespace Berth.Index.Tests.Tokens;

/// <summary>The token service at the HTTP level: what each kind of caller is granted, and the shape of the answers.</summary>
public abstract class TokenServiceTests : IndexTestBase
{
    [Fact]
    public async Task Get_Anonymous_ReturnsTokenThatGrantsNothingOnPrivateRepository()
    {
        var (status, body) = await GetTokenAsync(null, null, "repository:admin/app:pull");

        Assert.Equal(200, status);
        Assert.Equal(body.GetProperty("token").GetString(), body.GetProperty("access_token").GetString());
        Assert.True(body.GetProperty("expires_in").GetInt32() > 0);
        Assert.True(DateTimeOffset.TryParse(body.GetProperty("issued_at").GetString(), out _));
        Assert.Empty(Granted(body.GetProperty("token").GetString()!));
        Assert.Equal(string.Empty, Payload(body.GetProperty("token").GetString()!).GetProperty("sub").GetString());
    }

    [Fact]
    public async Task Get_WithPassword_GrantsOwnNamespaceAndCarriesStandardClaims()
    {
        await Accounts.CreateUserAsync("alice", "alice-password", false, "test", default);

        var token = await TokenAsync("alice", "alice-password", "repository:alice/app:pull,push");

        Assert.Equal(["repository:alice/app:pull,push"], Granted(token));
        var payload = Payload(token);
        Assert.Equal("alice", payload.GetProperty("sub").GetString());
        Assert.Equal(Service, payload.GetProperty("aud").GetString());
        Assert.Equal("berth-index", payload.GetProperty("iss").GetString());
        foreach (var claim in new[] { "exp", "nbf", "iat", "jti" })
        {
            Assert.True(payload.TryGetProperty(claim, out _), claim);
        }
    }

    [Fact]
    public async Task Get_SeveralScopes_GrantsTheIntersectionOfAskedAndAllowed()
    {
        await Accounts.CreateUserAsync("alice", "alice-password", false, "test", default);
        await Accounts.CreateUserAsync("bob", "bob-password", false, "test", default);
        await Organizations.SetVisibilityAsync("bob/public", RepositoryVisibility.Public, "test", default);

        var token = await TokenAsync("alice", "alice-password", "repository:alice/app:pull", "repository:bob/public:pull,push", "repository:bob/private:pull");

        Assert.Equal(["repository:alice/app:pull", "repository:bob/public:pull"], Granted(token));
    }

    [Fact]
    public async Task Get_SpaceSeparatedScopesInOneParameter_AreAllConsidered()
    {
        var token = await TokenAsync("admin", AdminPassword, "repository:a/b:pull repository:c/d:push");

        Assert.Equal(["repository:a/b:pull", "repository:c/d:push"], Granted(token));
    }

    [Fact]
    public async Task Get_Admin_MayListTheCatalog_OthersMayNot()
    {
        await Accounts.CreateUserAsync("alice", "alice-password", false, "test", default);

        Assert.Equal(["registry:catalog:*"], Granted(await TokenAsync("admin", AdminPassword, "registry:catalog:*")));
        Assert.Empty(Granted(await TokenAsync("alice", "alice-password", "registry:catalog:*")));
    }

    [Fact]
    public async Task Get_OfflineToken_ReturnsRefreshTokenThatPostRefreshGrantAccepts()
    {
        await Accounts.CreateUserAsync("alice", "alice-password", false, "test", default);
        using var request = new HttpRequestMessage(HttpMethod.Get, Query("repository:alice/app:pull") + "&offline_token=true&account=alice&client_id=docker");
        request.Headers.Authorization = Basic("alice", "alice-password");
        using var response = await Http.SendAsync(request);
        var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var refresh = body.GetProperty("refresh_token").GetString()!;

        using var post = await Http.PostAsync("/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refresh,
            ["service"] = Service,
            ["client_id"] = "docker",
            ["scope"] = "repository:alice/app:pull,push",
        }));
        var refreshed = System.Text.Json.JsonDocument.Parse(await post.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal(["repository:alice/app:pull,push"], Granted(refreshed.GetProperty("access_token").GetString()!));
        Assert.Equal("repository:alice/app:pull,push", refreshed.GetProperty("scope").GetString());
    }

    [Fact]
    public async Task Post_PasswordGrant_ReturnsAccessAndRefreshTokens()
    {
        await Accounts.CreateUserAsync("alice", "alice-password", false, "test", default);

        using var post = await Http.PostAsync("/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = "alice",
            ["password"] = "alice-password",
            ["service"] = Service,
            ["client_id"] = "docker",
            ["access_type"] = "offline",
            ["scope"] = "repository:alice/app:pull",
        }));
        var body = System.Text.Json.JsonDocument.Parse(await post.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal(["repository:alice/app:pull"], Granted(body.GetProperty("access_token").GetString()!));
        Assert.False(string.IsNullOrEmpty(body.GetProperty("refresh_token").GetString()));
    }

    [Fact]
    public async Task Jwks_PublishesTheKeyThatSignsTokens()
    {
        var token = await TokenAsync("admin", AdminPassword, "repository:a/b:pull");
        var header = System.Text.Json.JsonDocument.Parse(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(token.Split('.')[0])).RootElement;

        var jwks = System.Text.Json.JsonDocument.Parse(await Http.GetStringAsync("/.well-known/jwks.json")).RootElement;

        Assert.Equal("ES256", header.GetProperty("alg").GetString());
        var key = Assert.Single(jwks.GetProperty("keys").EnumerateArray());
        Assert.Equal(header.GetProperty("kid").GetString(), key.GetProperty("kid").GetString());
        Assert.False(key.TryGetProperty("d", out _));
    }

    [Fact]
    public async Task Get_WithGoodPassword_WritesLoginAndGrantAuditEvents()
    {
        await TokenAsync("admin", AdminPassword, "repository:a/b:pull");

        Assert.Equal(1, await AuditCountAsync("login", success: true));
        Assert.Equal(1, await AuditCountAsync("token.grant", success: true));
    }
}
