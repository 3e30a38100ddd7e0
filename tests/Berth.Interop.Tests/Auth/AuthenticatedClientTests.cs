using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Berth.Index.Accounts;
using Berth.Index.Data;
using Berth.Index.Organizations;
using Berth.Interop.Tests.Fixtures;
using Berth.Interop.Tests.Layout;
using Berth.Interop.Tests.Tools;
using Berth.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Interop.Tests.Auth;

/// <summary>
/// skopeo and podman against Berth with auth on (registry and index in one process): they log in, push and pull with
/// the rights their accounts grant, and are refused beyond them without anything being written. One subclass per index
/// database provider (SQLite, PostgreSQL).
/// </summary>
public abstract class AuthenticatedClientTests : IAsyncLifetime
{
    private const string AdminPassword = "admin-secret-1";
    private readonly string _skopeo = RequiredTool.Locate("skopeo", "skopeo");
    private readonly TempDirectory _work = new("berth-auth-");
    private TestDatabase _database = null!;
    private BerthTestServer _server = null!;
    private OciLayoutBuilder _layout = null!;

    protected abstract DatabaseProvider Provider { get; }

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(Provider);
        _server = await BerthTestServer.StartAsync(new Dictionary<string, string?>(_database.Settings)
        {
            ["Auth:Mode"] = "Token",
            ["Index:AdminPassword"] = AdminPassword,
            ["Index:BcryptWorkFactor"] = "4",
        });
        var accounts = _server.Services.GetRequiredService<AccountService>();
        await accounts.CreateUserAsync("alice", "alice-password", false, "test", default);
        await accounts.CreateUserAsync("bob", "bob-password", false, "test", default);
        _layout = new OciLayoutBuilder(_work.Combine("source"), seed: 41);
        _layout.Tag("v1", _layout.AddImage(layerCount: 2).Manifest);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _database.DisposeAsync();
        _work.Dispose();
    }

    [Fact]
    public async Task Skopeo_WithCreds_PushesAndPullsOwnRepository()
    {
        await SkopeoAsync("copy", "--dest-tls-verify=false", "--dest-creds", "alice:alice-password", $"oci:{_layout.Directory}:v1", $"docker://{_server.HostPort}/alice/app:v1");
        await SkopeoAsync("copy", "--src-tls-verify=false", "--src-creds", "alice:alice-password", $"docker://{_server.HostPort}/alice/app:v1", $"oci:{_work.Combine("pulled")}:v1");

        LayoutAssert.SameContent(_layout.Directory, _work.Combine("pulled"), "v1");
    }

    [Fact]
    public async Task Skopeo_Anonymous_IsUnauthorizedOnPrivate_AndPullsPublic()
    {
        await SkopeoAsync("copy", "--dest-tls-verify=false", "--dest-creds", "alice:alice-password", $"oci:{_layout.Directory}:v1", $"docker://{_server.HostPort}/alice/app:v1");

        var refused = await TrySkopeoAsync("inspect", "--raw", "--tls-verify=false", "--no-creds", $"docker://{_server.HostPort}/alice/app:v1");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("unauthorized", refused.StandardError, StringComparison.OrdinalIgnoreCase);

        await _server.Services.GetRequiredService<OrganizationService>().SetVisibilityAsync("alice/app", RepositoryVisibility.Public, "test", default);
        await SkopeoAsync("copy", "--src-tls-verify=false", "--src-no-creds", $"docker://{_server.HostPort}/alice/app:v1", $"oci:{_work.Combine("anonymous")}:v1");
        LayoutAssert.SameContent(_layout.Directory, _work.Combine("anonymous"), "v1");
    }

    [Fact]
    public async Task Skopeo_PushToAnotherUsersNamespace_IsDeniedAndWritesNothing()
    {
        var result = await TrySkopeoAsync("copy", "--dest-tls-verify=false", "--dest-creds", "bob:bob-password", $"oci:{_layout.Directory}:v1", $"docker://{_server.HostPort}/alice/app:v1");

        Assert.NotEqual(0, result.ExitCode);
        // skopeo prints the 403 DENIED it got as "403 (Forbidden)"; docker prints "denied: ...".
        Assert.True(result.StandardError.Contains("403 (Forbidden)", StringComparison.Ordinal) || result.StandardError.Contains("denied", StringComparison.OrdinalIgnoreCase), result.StandardError);
        await AssertRepositoryEmptyAsync("alice/app");
    }

    [Fact]
    public async Task Skopeo_WithWrongPassword_IsRefusedAndWritesNothing()
    {
        var result = await TrySkopeoAsync("copy", "--dest-tls-verify=false", "--dest-creds", "alice:wrong-password", $"oci:{_layout.Directory}:v1", $"docker://{_server.HostPort}/alice/app:v1");

        Assert.NotEqual(0, result.ExitCode);
        await AssertRepositoryEmptyAsync("alice/app");
    }

    [Fact]
    public async Task Skopeo_WithRevokedAccessToken_IsRefusedAndWritesNothing()
    {
        var tokens = _server.Services.GetRequiredService<AccessTokenService>();
        var secret = await tokens.CreateAsync("alice", "ci", ["pull", "push"], null, "test", default);
        await SkopeoAsync("copy", "--dest-tls-verify=false", "--dest-creds", "alice:" + secret, $"oci:{_layout.Directory}:v1", $"docker://{_server.HostPort}/alice/first:v1");
        await tokens.RevokeAsync("alice", "ci", "test", default);

        var result = await TrySkopeoAsync("copy", "--dest-tls-verify=false", "--dest-creds", "alice:" + secret, $"oci:{_layout.Directory}:v1", $"docker://{_server.HostPort}/alice/second:v1");

        Assert.NotEqual(0, result.ExitCode);
        await AssertRepositoryEmptyAsync("alice/second");
    }

    [Fact]
    public async Task SkopeoLogin_ThenCopyWithTheAuthFile_Works()
    {
        var authFile = _work.Combine("auth.json");
        await SkopeoAsync("login", "--tls-verify=false", "--authfile", authFile, "-u", "alice", "-p", "alice-password", _server.HostPort);
        await SkopeoAsync("copy", "--dest-tls-verify=false", "--authfile", authFile, $"oci:{_layout.Directory}:v1", $"docker://{_server.HostPort}/alice/app:v1");

        var failed = await TrySkopeoAsync("login", "--tls-verify=false", "--authfile", _work.Combine("bad.json"), "-u", "alice", "-p", "wrong-password", _server.HostPort);
        Assert.NotEqual(0, failed.ExitCode);
    }

    [Fact]
    public async Task PodmanLogin_ThenPullAndPush_WithinItsRights()
    {
        await SkopeoAsync("copy", "--dest-tls-verify=false", "--dest-creds", "alice:alice-password", $"oci:{_layout.Directory}:v1", $"docker://{_server.HostPort}/alice/app:v1");
        var podman = new Tools.Podman(_work.Combine("podman"));
        var authFile = _work.Combine("podman-auth.json");

        await podman.RunAsync("login", "--tls-verify=false", "--authfile", authFile, "-u", "alice", "-p", "alice-password", _server.HostPort);
        await podman.RunAsync("pull", "--tls-verify=false", "--quiet", "--authfile", authFile, $"{_server.HostPort}/alice/app:v1");
        await podman.RunAsync("push", "--tls-verify=false", "--quiet", "--authfile", authFile, $"{_server.HostPort}/alice/app:v1", $"{_server.HostPort}/alice/copy:v1");
        var denied = await ProcessRunner.RunAsync(RequiredTool.Locate("podman", "podman"), [.. PodmanGlobal(), "push", "--tls-verify=false", "--quiet", "--authfile", authFile, $"{_server.HostPort}/alice/app:v1", $"{_server.HostPort}/bob/stolen:v1"]);

        Assert.Equal(HttpStatusCode.OK, await TagsStatusAsync("alice/copy"));
        Assert.NotEqual(0, denied.ExitCode);
        await AssertRepositoryEmptyAsync("bob/stolen");
    }

    [Fact]
    public async Task PullToken_UsedToStartAnUpload_IsRefusedAndWritesNothing()
    {
        using var http = _server.CreateClient();
        var token = await TokenAsync(http, "alice", "alice-password", "repository:alice/app:pull");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/alice/app/blobs/uploads/");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("insufficient_scope", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Contains("UNAUTHORIZED", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertRepositoryEmptyAsync("alice/app");
    }

    private string[] PodmanGlobal() =>
    [
        "--root", Path.Combine(_work.Combine("podman"), "root"),
        "--runroot", Path.Combine(_work.Combine("podman"), "run"),
        "--tmpdir", Path.Combine(_work.Combine("podman"), "tmp"),
        "--storage-driver=vfs",
        "--events-backend=file",
        "--cgroup-manager=cgroupfs",
    ];

    private async Task AssertRepositoryEmptyAsync(string repository)
    {
        Assert.Equal(HttpStatusCode.NotFound, await TagsStatusAsync(repository));
        var repositoryDirectory = Directory.EnumerateDirectories(_server.DataDirectory, "*", SearchOption.AllDirectories)
            .Where(d => d.Replace('\\', '/').EndsWith("/" + repository, StringComparison.Ordinal));
        Assert.Empty(repositoryDirectory);
    }

    private async Task<HttpStatusCode> TagsStatusAsync(string repository)
    {
        using var http = _server.CreateClient();
        var token = await TokenAsync(http, "admin", AdminPassword, $"repository:{repository}:pull");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/{repository}/tags/list");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<string> TokenAsync(HttpClient http, string user, string password, string scope)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/token?service=berth&scope=" + Uri.EscapeDataString(scope));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{user}:{password}")));
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("token").GetString()!;
    }

    private async Task SkopeoAsync(params string[] arguments) => (await TrySkopeoAsync(arguments)).EnsureSuccess();

    private Task<ProcessResult> TrySkopeoAsync(params string[] arguments) =>
        ProcessRunner.RunAsync(_skopeo, ["--insecure-policy", .. arguments]);
}
