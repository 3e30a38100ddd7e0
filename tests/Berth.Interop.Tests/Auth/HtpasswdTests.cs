using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Berth.Interop.Tests.Fixtures;
using Berth.Interop.Tests.Layout;
using Berth.Interop.Tests.Tools;
using Berth.Testing;
using Microsoft.Extensions.Logging;

namespace Berth.Interop.Tests.Auth;

/// <summary>
/// Simple mode (Auth:Mode=Htpasswd) with a file written by Apache's htpasswd: HTTP Basic on every request, as
/// distribution's htpasswd auth does, with real skopeo and podman; only bcrypt entries count; edits apply without a restart.
/// </summary>
public sealed class HtpasswdTests : IAsyncLifetime
{
    private readonly string _htpasswd = RequiredTool.Locate("htpasswd", "apache2-utils");
    private readonly string _skopeo = RequiredTool.Locate("skopeo", "skopeo");
    private readonly TempDirectory _work = new("berth-htpasswd-");
    private readonly CapturingLoggerProvider _logs = new();
    private BerthTestServer _server = null!;
    private OciLayoutBuilder _layout = null!;

    private string FilePath => _work.Combine("htpasswd");

    public async Task InitializeAsync()
    {
        await HtpasswdAsync("-cbB", "-C", "5", FilePath, "alice", "alice-password");
        await HtpasswdAsync("-bm", FilePath, "md5user", "md5-password");
        await HtpasswdAsync("-bs", FilePath, "sha1user", "sha1-password");
        _server = await BerthTestServer.StartAsync(
            new Dictionary<string, string?> { ["Auth:Mode"] = "Htpasswd", ["Auth:HtpasswdPath"] = FilePath },
            builder => builder.Logging.AddProvider(_logs));
        _layout = new OciLayoutBuilder(_work.Combine("source"), seed: 43);
        _layout.Tag("v1", _layout.AddImage(layerCount: 2).Manifest);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _work.Dispose();
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("alice", "wrong-password")]
    [InlineData("nobody", "alice-password")]
    public async Task Request_WithoutOrWithWrongCredentials_Is401WithBasicChallengeAndWritesNothing(string? user, string? password)
    {
        using var http = _server.CreateClient();
        foreach (var (method, path) in new[] { (HttpMethod.Get, "/v2/"), (HttpMethod.Post, "/v2/alice/app/blobs/uploads/"), (HttpMethod.Put, "/v2/alice/app/manifests/v1") })
        {
            using var request = new HttpRequestMessage(method, path) { Content = method == HttpMethod.Get ? null : new StringContent("{}") };
            request.Headers.Authorization = user is null ? null : Basic(user, password!);
            using var response = await http.SendAsync(request);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("Basic realm=\"berth\"", response.Headers.WwwAuthenticate.ToString());
            Assert.Contains("\"UNAUTHORIZED\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        AssertNothingWritten();
    }

    [Fact]
    public async Task Request_WithRightCredentials_StartsAnUpload()
    {
        using var http = _server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/alice/app/blobs/uploads/");
        request.Headers.Authorization = Basic("alice", "alice-password");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Skopeo_WithDestAndSrcCreds_PushesAndPulls_AndWrongCredsWriteNothing()
    {
        var refused = await TrySkopeoAsync("copy", "--dest-tls-verify=false", "--dest-creds", "alice:wrong-password", $"oci:{_layout.Directory}:v1", $"docker://{_server.HostPort}/alice/app:v1");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("unauthorized", refused.StandardError, StringComparison.OrdinalIgnoreCase);
        AssertNothingWritten();

        await SkopeoAsync("copy", "--dest-tls-verify=false", "--dest-creds", "alice:alice-password", $"oci:{_layout.Directory}:v1", $"docker://{_server.HostPort}/alice/app:v1");
        await SkopeoAsync("copy", "--src-tls-verify=false", "--src-creds", "alice:alice-password", $"docker://{_server.HostPort}/alice/app:v1", $"oci:{_work.Combine("pulled")}:v1");

        LayoutAssert.SameContent(_layout.Directory, _work.Combine("pulled"), "v1");
    }

    [Fact]
    public async Task PodmanLogin_ThenPushAndPull_AndLoginWithWrongPasswordFails()
    {
        var podman = new Tools.Podman(_work.Combine("podman"));
        var authFile = _work.Combine("podman-auth.json");
        await SkopeoAsync("copy", "--dest-tls-verify=false", "--dest-creds", "alice:alice-password", $"oci:{_layout.Directory}:v1", $"docker://{_server.HostPort}/alice/app:v1");

        var failed = await ProcessRunner.RunAsync(RequiredTool.Locate("podman", "podman"), ["login", "--tls-verify=false", "--authfile", _work.Combine("bad.json"), "-u", "alice", "-p", "wrong-password", _server.HostPort]);
        await podman.RunAsync("login", "--tls-verify=false", "--authfile", authFile, "-u", "alice", "-p", "alice-password", _server.HostPort);
        await podman.RunAsync("pull", "--tls-verify=false", "--quiet", "--authfile", authFile, $"{_server.HostPort}/alice/app:v1");
        await podman.RunAsync("push", "--tls-verify=false", "--quiet", "--authfile", authFile, $"{_server.HostPort}/alice/app:v1", $"{_server.HostPort}/alice/copy:v1");

        Assert.NotEqual(0, failed.ExitCode);
        Assert.Equal(HttpStatusCode.OK, await TagsStatusAsync("alice/copy", "alice", "alice-password"));
    }

    [Theory]
    [InlineData("md5user", "md5-password")]
    [InlineData("sha1user", "sha1-password")]
    public async Task NonBcryptEntry_IsRefused_WithALogLine(string user, string password)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await TagsStatusAsync("alice/app", user, password));

        Assert.Contains(_logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains($"'{user}'", StringComparison.Ordinal) && l.Contains("not bcrypt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FileEdits_ApplyToTheNextRequest_AndAMissingFileRefusesEveryone()
    {
        await HtpasswdAsync("-bB", "-C", "5", FilePath, "bob", "bob-password");
        Assert.Equal(HttpStatusCode.NotFound, await TagsStatusAsync("bob/app", "bob", "bob-password"));

        await HtpasswdAsync("-D", FilePath, "alice");
        Assert.Equal(HttpStatusCode.Unauthorized, await TagsStatusAsync("alice/app", "alice", "alice-password"));

        File.Move(FilePath, FilePath + ".away");
        Assert.Equal(HttpStatusCode.Unauthorized, await TagsStatusAsync("bob/app", "bob", "bob-password"));
        Assert.Contains(_logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("is gone", StringComparison.Ordinal));

        File.Move(FilePath + ".away", FilePath);
        Assert.Equal(HttpStatusCode.NotFound, await TagsStatusAsync("bob/app", "bob", "bob-password"));
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    private async Task<HttpStatusCode> TagsStatusAsync(string repository, string user, string password)
    {
        using var http = _server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/{repository}/tags/list");
        request.Headers.Authorization = Basic(user, password);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private void AssertNothingWritten() =>
        Assert.Empty(Directory.EnumerateFiles(_server.DataDirectory, "*", SearchOption.AllDirectories));

    private async Task HtpasswdAsync(params string[] arguments) =>
        (await ProcessRunner.RunAsync(_htpasswd, arguments)).EnsureSuccess();

    private async Task SkopeoAsync(params string[] arguments) => (await TrySkopeoAsync(arguments)).EnsureSuccess();

    private Task<ProcessResult> TrySkopeoAsync(params string[] arguments) =>
        ProcessRunner.RunAsync(_skopeo, ["--insecure-policy", .. arguments]);
}
