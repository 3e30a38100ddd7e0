using System.Net;
using Berth.Interop.Tests.Tools;

namespace Berth.Interop.Tests.Auth.Ldap;

/// <summary>
/// LDAP sign-in against a real OpenLDAP (scripts/test-services/slapd.sh) through a real `berth serve` process, with
/// skopeo and podman as the clients: directory passwords, accounts made on first sign-in, groups mapped to a team and
/// to administrators, disabled users, and names that try to inject into the search filter.
/// </summary>
public sealed class LdapSignInTests(LdapSignInFixture fixture) : IClassFixture<LdapSignInFixture>
{
    private readonly Tools.Skopeo _skopeo = new();

    private string Host => fixture.Server.HostPort;

    [Fact]
    public async Task SkopeoLogin_WithTheDirectoryPassword_CreatesTheAccount_AndPushesAndPulls()
    {
        var authFile = fixture.Work.Combine("alice-auth.json");
        await _skopeo.RunAsync("login", "--tls-verify=false", "--authfile", authFile, "-u", "alice", "-p", "alice-password", Host);
        await _skopeo.RunAsync("copy", "--dest-tls-verify=false", "--authfile", authFile, $"oci:{fixture.Layout.Directory}:v1", $"docker://{Host}/alice/app:v1");
        await _skopeo.RunAsync("copy", "--src-tls-verify=false", "--authfile", authFile, $"docker://{Host}/alice/app:v1", $"oci:{fixture.Work.Combine("alice-pulled")}:v1");

        Assert.Contains(await fixture.AdminAsync("user", "list"), l => l.StartsWith("alice\tuser\tldap\t", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PodmanLogin_WithAWrongPasswordOrUnknownUser_Fails()
    {
        var podman = RequiredTool.Locate("podman", "podman");
        foreach (var (user, password) in new[] { ("bob", "wrong-password"), ("nobody", "bob-password"), ("bob", "") })
        {
            var result = await ProcessRunner.RunAsync(podman, ["login", "--tls-verify=false", "--authfile", fixture.Work.Combine("podman-bad.json"), "-u", user, "-p", password, Host]);
            Assert.NotEqual(0, result.ExitCode);
        }

        var (status, _) = await TokenProbe.RequestAsync(fixture.Server.BaseAddress, "bob", "wrong-password", "repository:bob/app:pull");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        var podmanOk = await ProcessRunner.RunAsync(podman, ["login", "--tls-verify=false", "--authfile", fixture.Work.Combine("podman-bob.json"), "-u", "bob", "-p", "bob-password", Host]);
        Assert.Equal(0, podmanOk.ExitCode);
    }

    [Fact]
    public async Task DisabledDirectoryUser_IsRefused()
    {
        var (status, body) = await TokenProbe.RequestAsync(fixture.Server.BaseAddress, "dave", "dave-password", "repository:dave/app:pull");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("UNAUTHORIZED", body.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserDisabledInTheDirectory_LosesPasswordRefreshTokenAndPersonalAccessTokens()
    {
        // A user of its own, so reruns against the same directory start clean.
        var frank = "frank-" + Guid.NewGuid().ToString("N")[..8];
        await TestDirectory.ModifyAsync($"""
            dn: uid={frank},ou=people,{TestDirectory.BaseDn}
            changetype: add
            objectClass: inetOrgPerson
            uid: {frank}
            cn: Frank
            sn: Frank
            userPassword: frank-password

            """);
        var (_, login) = await TokenProbe.PostAsync(fixture.Server.BaseAddress, new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["username"] = frank, ["password"] = "frank-password", ["access_type"] = "offline",
            ["service"] = "berth", ["scope"] = $"repository:{frank}/app:pull", ["client_id"] = "test",
        });
        var refresh = login["refresh_token"]!.GetValue<string>();
        var pat = (await fixture.AdminAsync("token", "create", frank, "ci", "--actions", "pull,push")).First(l => l.StartsWith("berth_pat_", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await TokenProbe.RequestAsync(fixture.Server.BaseAddress, frank, pat, $"repository:{frank}/app:push")).Status);
        Assert.Equal(HttpStatusCode.OK, (await Refresh(refresh, frank)).Status);

        await TestDirectory.ModifyAsync($"""
            dn: uid={frank},ou=people,{TestDirectory.BaseDn}
            changetype: modify
            add: employeeType
            employeeType: disabled

            """);

        Assert.Equal(HttpStatusCode.Unauthorized, (await Refresh(refresh, frank)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenProbe.RequestAsync(fixture.Server.BaseAddress, frank, "frank-password", $"repository:{frank}/app:pull")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenProbe.RequestAsync(fixture.Server.BaseAddress, frank, pat, $"repository:{frank}/app:push")).Status);

        await TestDirectory.ModifyAsync($"""
            dn: uid={frank},ou=people,{TestDirectory.BaseDn}
            changetype: modify
            delete: employeeType

            """);
        Assert.Equal(HttpStatusCode.OK, (await TokenProbe.RequestAsync(fixture.Server.BaseAddress, frank, "frank-password", $"repository:{frank}/app:pull")).Status);
        Assert.Equal(HttpStatusCode.OK, (await TokenProbe.RequestAsync(fixture.Server.BaseAddress, frank, pat, $"repository:{frank}/app:push")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Refresh(refresh, frank)).Status);
    }

    [Fact]
    public async Task DirectoryGroups_MapToTheTeamAndToAdministrators()
    {
        var (_, bob) = await TokenProbe.RequestAsync(fixture.Server.BaseAddress, "bob", "bob-password", "repository:acme/api:pull,push");
        var (_, carol) = await TokenProbe.RequestAsync(fixture.Server.BaseAddress, "carol", "carol-password", "repository:acme/api:pull,push");
        var (_, erin) = await TokenProbe.RequestAsync(fixture.Server.BaseAddress, "erin", "erin-password", "registry:catalog:*");

        Assert.Equal(["pull", "push"], TokenProbe.GrantedActions(bob).Order(StringComparer.Ordinal));
        Assert.Empty(TokenProbe.GrantedActions(carol));
        Assert.Equal(["*"], TokenProbe.GrantedActions(erin));
        Assert.Contains(await fixture.AdminAsync("user", "list"), l => l.StartsWith("erin\tadmin\tldap\t", StringComparison.Ordinal));

        var pushed = await _skopeo.TryPushAsync(fixture.Layout.Directory, "v1", $"{Host}/acme/api:v1");
        Assert.NotEqual(0, pushed.ExitCode);
        await _skopeo.RunAsync("copy", "--dest-tls-verify=false", "--dest-creds", "bob:bob-password", $"oci:{fixture.Layout.Directory}:v1", $"docker://{Host}/acme/api:v1");
        var refused = await ProcessRunner.RunAsync(RequiredTool.Locate("skopeo", "skopeo"),
            ["--insecure-policy", "copy", "--dest-tls-verify=false", "--dest-creds", "carol:carol-password", $"oci:{fixture.Layout.Directory}:v1", $"docker://{Host}/acme/other:v1"]);
        Assert.NotEqual(0, refused.ExitCode);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("al*")]
    [InlineData("alice)(uid=*")]
    [InlineData("*)(|(uid=*")]
    [InlineData("alice\\2a")]
    [InlineData("alice\0")]
    public async Task NamesThatInjectIntoTheFilter_AreRefused(string userName)
    {
        var (status, _) = await TokenProbe.RequestAsync(fixture.Server.BaseAddress, userName, "alice-password", "repository:alice/app:pull");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.DoesNotContain(await fixture.AdminAsync("user", "list"), l => l.StartsWith(userName + "\t", StringComparison.Ordinal));
    }

    private Task<(HttpStatusCode Status, System.Text.Json.Nodes.JsonObject Body)> Refresh(string refreshToken, string user) =>
        TokenProbe.PostAsync(fixture.Server.BaseAddress, new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken, ["service"] = "berth", ["scope"] = $"repository:{user}/app:pull", ["client_id"] = "test",
        });
}
