using System.Net;
using System.Text.Json;
using Berth.Index.Tests.Infrastructure;

namespace Berth.Index.Tests.Tokens;

/// <summary>Requests to the token service that must be refused, each checked for the refusal and for what was not granted.</summary>
public abstract class HostileTokenRequestTests : IndexTestBase
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Index:MaxFailedLoginsPerAccount"] = "3",
    };

    [Fact]
    public async Task Get_WithWrongPassword_IsUnauthorizedAndAudited()
    {
        await Accounts.CreateUserAsync("alice", "alice-password", false, "test", default);

        var (status, body) = await GetTokenAsync("alice", "wrong-password", "repository:alice/app:push");

        Assert.Equal(401, status);
        Assert.Equal("UNAUTHORIZED", body.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.False(body.TryGetProperty("token", out _));
        Assert.Equal(1, await AuditCountAsync("login", success: false));
    }

    [Fact]
    public async Task Get_AfterTooManyFailures_IsRateLimitedEvenWithTheRightPassword()
    {
        await Accounts.CreateUserAsync("alice", "alice-password", false, "test", default);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(401, (await GetTokenAsync("alice", "wrong-password", "repository:alice/app:pull")).Status);
        }

        var (status, body) = await GetTokenAsync("alice", "alice-password", "repository:alice/app:pull");

        Assert.Equal(429, status);
        Assert.Equal("TOOMANYREQUESTS", body.GetProperty("errors")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Get_ForAnotherService_IsRefused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/token?service=other&scope=repository:admin/app:pull");
        request.Headers.Authorization = Basic("admin", AdminPassword);

        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("\"token\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_WithAccountNotMatchingTheCredentials_IsRefused()
    {
        await Accounts.CreateUserAsync("alice", "alice-password", false, "test", default);
        using var request = new HttpRequestMessage(HttpMethod.Get, Query("repository:admin/app:pull") + "&account=admin");
        request.Headers.Authorization = Basic("alice", "alice-password");

        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Get_ScopeForAnotherUsersRepository_GrantsNothing()
    {
        await Accounts.CreateUserAsync("alice", "alice-password", false, "test", default);
        await Accounts.CreateUserAsync("bob", "bob-password", false, "test", default);

        var token = await TokenAsync("alice", "alice-password", "repository:bob/app:pull,push,delete");

        Assert.Empty(Granted(token));
    }

    [Fact]
    public async Task Get_PushToANamespaceThatDoesNotExist_IsNotGranted()
    {
        await Accounts.CreateUserAsync("alice", "alice-password", false, "test", default);

        Assert.Empty(Granted(await TokenAsync("alice", "alice-password", "repository:nobody/app:push")));
    }

    [Theory]
    [InlineData("repository:alice/../bob/app:pull,push")]
    [InlineData("repository:alice/app:evil:push")]
    [InlineData("repository:ALICE/app:push")]
    [InlineData("repository:/alice/app:push")]
    [InlineData("repository:alice//app:push")]
    [InlineData("repository:alice/app%2f..%2fbob:push")]
    public async Task Get_PathTricksInScopes_GrantNothing(string scope)
    {
        await Accounts.CreateUserAsync("alice", "alice-password", false, "test", default);
        await Accounts.CreateUserAsync("bob", "bob-password", false, "test", default);

        var (status, body) = await GetTokenAsync("alice", "alice-password", scope);

        Assert.True(status == 400 || (status == 200 && Granted(body.GetProperty("token").GetString()!).Count == 0), $"{status} {body}");
    }

    [Fact]
    public async Task Get_MalformedOrTooManyScopes_IsBadRequest()
    {
        Assert.Equal(400, (await GetTokenAsync("admin", AdminPassword, "repository-without-actions")).Status);
        Assert.Equal(400, (await GetTokenAsync("admin", AdminPassword, Enumerable.Range(0, 40).Select(i => $"repository:a/r{i}:pull").ToArray())).Status);
        Assert.Equal(400, (await GetTokenAsync("admin", AdminPassword, "repository:a/b:" + new string('p', 600))).Status);
    }

    [Fact]
    public async Task Get_MalformedBasicHeader_IsUnauthorized()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Query("repository:admin/app:pull"));
        request.Headers.TryAddWithoutValidation("Authorization", "Basic %%%not-base64%%%");

        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Post_OversizedBody_IsTooLarge_AndMalformedBody_IsBadRequest()
    {
        using var big = await Http.PostAsync("/token", new StringContent("grant_type=password&password=" + new string('x', 100_000), System.Text.Encoding.ASCII, "application/x-www-form-urlencoded"));
        using var json = await Http.PostAsync("/token", new StringContent("{\"grant_type\":\"password\"}", System.Text.Encoding.ASCII, "application/json"));
        using var grant = await Http.PostAsync("/token", new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
        Assert.Equal("invalid_request", JsonDocument.Parse(await big.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, grant.StatusCode);
    }

    [Fact]
    public async Task Post_RefreshTokenReusedAfterPasswordChange_IsRefused()
    {
        await Accounts.CreateUserAsync("alice", "alice-password", false, "test", default);
        var refresh = await RefreshTokenAsync("alice", "alice-password");
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(refresh)).Status);

        await Accounts.SetPasswordAsync("alice", "new-alice-password", "test", default);
        var (status, body) = await RefreshAsync(refresh);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
        Assert.False(body.TryGetProperty("access_token", out _));
    }

    [Fact]
    public async Task Post_AccessTokenUsedAsRefreshToken_IsRefused()
    {
        var access = await TokenAsync("admin", AdminPassword, "repository:admin/app:pull");

        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(access)).Status);
    }

    [Fact]
    public async Task Get_RefreshTokenUsedAsBearer_IsRefused()
    {
        var refresh = await RefreshTokenAsync("admin", AdminPassword);
        using var request = new HttpRequestMessage(HttpMethod.Get, Query("repository:admin/app:pull"));
        request.Headers.Authorization = new("Bearer", refresh);

        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<string> RefreshTokenAsync(string user, string password)
    {
        using var post = await Http.PostAsync("/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = user,
            ["password"] = password,
            ["service"] = Service,
            ["access_type"] = "offline",
        }));
        return JsonDocument.Parse(await post.Content.ReadAsStringAsync()).RootElement.GetProperty("refresh_token").GetString()!;
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> RefreshAsync(string refresh)
    {
        using var post = await Http.PostAsync("/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refresh,
            ["service"] = Service,
            ["scope"] = "repository:alice/app:pull",
        }));
        return (post.StatusCode, JsonDocument.Parse(await post.Content.ReadAsStringAsync()).RootElement.Clone());
    }
}
