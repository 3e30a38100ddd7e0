using Berth.Index.Data;
using Berth.Index.Tests.Infrastructure;

namespace Berth.Index.Tests.Permissions;

/// <summary>What organisations, teams, robots, personal access tokens and visibility grant through the token service.</summary>
public abstract class PermissionTests : IndexTestBase
{
    [Fact]
    public async Task Organization_OwnerAdministers_MemberPulls_TeamWriteGrantsPushButNotDelete()
    {
        foreach (var user in new[] { "olivia", "mark", "tess", "nina" })
        {
            await Accounts.CreateUserAsync(user, user + "-password", false, "test", default);
        }

        await Organizations.CreateAsync("acme", "olivia", "test", default);
        await Organizations.SetMemberAsync("acme", "mark", MemberRole.Member, "test", default);
        await Organizations.CreateTeamAsync("acme", "builders", "test", default);
        await Organizations.AddTeamMemberAsync("acme", "builders", "tess", "test", default);
        await Organizations.GrantTeamAsync("acme", "builders", "acme/api", RepositoryPermission.Write, "test", default);
        const string scope = "repository:acme/api:pull,push,delete";

        Assert.Equal(["repository:acme/api:pull,push,delete"], Granted(await TokenAsync("olivia", "olivia-password", scope)));
        Assert.Equal(["repository:acme/api:pull"], Granted(await TokenAsync("mark", "mark-password", scope)));
        Assert.Equal(["repository:acme/api:pull,push"], Granted(await TokenAsync("tess", "tess-password", scope)));
        Assert.Equal(["repository:acme/web:pull"], Granted(await TokenAsync("tess", "tess-password", "repository:acme/web:pull,push")));
        Assert.Empty(Granted(await TokenAsync("nina", "nina-password", scope)));
    }

    [Fact]
    public async Task Organization_RemovedMember_LosesTeamGrants()
    {
        await Accounts.CreateUserAsync("tess", "tess-password", false, "test", default);
        await Organizations.CreateAsync("acme", null, "test", default);
        await Organizations.CreateTeamAsync("acme", "builders", "test", default);
        await Organizations.AddTeamMemberAsync("acme", "builders", "tess", "test", default);
        await Organizations.GrantTeamAsync("acme", "builders", "*", RepositoryPermission.Admin, "test", default);
        Assert.NotEmpty(Granted(await TokenAsync("tess", "tess-password", "repository:acme/api:push")));

        await Organizations.RemoveMemberAsync("acme", "tess", "test", default);

        Assert.Empty(Granted(await TokenAsync("tess", "tess-password", "repository:acme/api:pull,push")));
    }

    [Fact]
    public async Task Robot_LogsInWithItsSecret_AndGetsOnlyItsGrant()
    {
        await Organizations.CreateAsync("acme", null, "test", default);
        var (name, secret) = await Organizations.CreateRobotAsync("acme", "ci", "acme/api", RepositoryPermission.Write, "test", default);

        Assert.Equal("acme+ci", name);
        Assert.Equal(["repository:acme/api:pull,push"], Granted(await TokenAsync(name, secret, "repository:acme/api:pull,push,delete")));
        Assert.Empty(Granted(await TokenAsync(name, secret, "repository:acme/other:pull,push")));
        Assert.Equal(401, (await GetTokenAsync(name, "guessed-password", "repository:acme/api:pull")).Status);
    }

    [Fact]
    public async Task AccessToken_WorksAsPassword_LimitedToItsActions_UntilRevoked()
    {
        await Accounts.CreateUserAsync("alice", "alice-password", false, "test", default);
        var secret = await AccessTokens.CreateAsync("alice", "laptop", ["pull"], null, "test", default);

        Assert.Equal(["repository:alice/app:pull"], Granted(await TokenAsync("alice", secret, "repository:alice/app:pull,push")));
        Assert.Equal(401, (await GetTokenAsync("bob", secret, "repository:alice/app:pull")).Status);

        await AccessTokens.RevokeAsync("alice", "laptop", "test", default);

        var (status, body) = await GetTokenAsync("alice", secret, "repository:alice/app:pull");
        Assert.Equal(401, status);
        Assert.False(body.TryGetProperty("token", out _));
    }

    [Fact]
    public async Task AccessToken_Expired_IsRefused()
    {
        await Accounts.CreateUserAsync("alice", "alice-password", false, "test", default);
        var secret = await AccessTokens.CreateAsync("alice", "old", ["pull", "push"], DateTimeOffset.UtcNow.AddSeconds(-1), "test", default);

        Assert.Equal(401, (await GetTokenAsync("alice", secret, "repository:alice/app:pull")).Status);
    }

    [Fact]
    public async Task AccessToken_IsStoredHashed()
    {
        await Accounts.CreateUserAsync("alice", "alice-password", false, "test", default);
        var secret = await AccessTokens.CreateAsync("alice", "laptop", ["pull"], null, "test", default);

        var stored = Assert.Single(await AccessTokens.ListAsync("alice", default));

        Assert.DoesNotContain(stored.SecretHash, secret, StringComparison.Ordinal);
        Assert.DoesNotContain(secret.Split('_').Last(), stored.SecretHash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Visibility_PublicAllowsAnonymousPullOnly_PrivateNothing()
    {
        await Accounts.CreateUserAsync("alice", "alice-password", false, "test", default);
        await Organizations.SetVisibilityAsync("alice/app", RepositoryVisibility.Public, "test", default);

        Assert.Equal(["repository:alice/app:pull"], Granted(await TokenAsync(null, null, "repository:alice/app:pull,push")));

        await Organizations.SetVisibilityAsync("alice/app", RepositoryVisibility.Private, "test", default);

        Assert.Empty(Granted(await TokenAsync(null, null, "repository:alice/app:pull")));
    }

    [Fact]
    public async Task DeletedUser_CanNoLongerLogIn_NorKeepItsNamespace()
    {
        await Accounts.CreateUserAsync("alice", "alice-password", false, "test", default);
        await Accounts.DeleteUserAsync("alice", "test", default);

        Assert.Equal(401, (await GetTokenAsync("alice", "alice-password", "repository:alice/app:pull")).Status);
        await Accounts.CreateUserAsync("alice", "alice-password-2", false, "test", default);
        Assert.NotEmpty(Granted(await TokenAsync("alice", "alice-password-2", "repository:alice/app:push")));
    }

    [Fact]
    public async Task Names_ThatAreNotNamespaceComponents_AreRefused()
    {
        await Assert.ThrowsAsync<IndexException>(() => Accounts.CreateUserAsync("Alice", "alice-password", false, "test", default));
        await Assert.ThrowsAsync<IndexException>(() => Accounts.CreateUserAsync("a/b", "alice-password", false, "test", default));
        await Assert.ThrowsAsync<IndexException>(() => Accounts.CreateUserAsync("admin", "another-password", false, "test", default));
        await Assert.ThrowsAsync<IndexException>(() => Organizations.CreateAsync("admin", null, "test", default));
    }
}
