using System.Text;
using System.Text.Json.Nodes;
using Berth.Index.Accounts;
using Berth.Index.Data;
using Berth.Interop.Tests.Fixtures;
using Berth.Interop.Tests.Layout;
using Berth.Interop.Tests.Tools;
using Berth.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Interop.Tests.Copy;

/// <summary>berth copy against Berth with token auth: credentials from --creds, an auth.json and docker's config.json, refusals as exit 4.</summary>
public sealed class BerthCopyAuthTests : IAsyncLifetime
{
    private readonly TempDirectory _work = new("berth-copy-auth-");
    private TestDatabase _database = null!;
    private BerthTestServer _server = null!;
    private OciLayoutBuilder _layout = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        _server = await BerthTestServer.StartAsync(new Dictionary<string, string?>(_database.Settings)
        {
            ["Auth:Mode"] = "Token",
            ["Index:AdminPassword"] = "admin-secret-1",
            ["Index:BcryptWorkFactor"] = "4",
        });
        await _server.Services.GetRequiredService<AccountService>().CreateUserAsync("carol", "carol-password", false, "test", default);
        _layout = new OciLayoutBuilder(_work.Combine("source"), seed: 177);
        _layout.Tag("v1", _layout.AddImage(layerCount: 2).Manifest);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _database.DisposeAsync();
        _work.Dispose();
    }

    [Fact]
    public async Task Copy_WithTokenAuth_UsesCredsOrAuthJson_AndExits4WithoutThem()
    {
        var target = $"docker://{_server.HostPort}/carol/app:v1";
        var anonymous = await BerthCli.TryRunAsync(null, "copy", $"oci:{_layout.Directory}:v1", target);
        var wrong = await BerthCli.TryRunAsync(null, "copy", "--dest-creds", "carol:wrong", $"oci:{_layout.Directory}:v1", target);

        await BerthCli.RunAsync("copy", "--dest-creds", "carol:carol-password", $"oci:{_layout.Directory}:v1", target);
        var authFile = await WriteAuthsAsync(_work.Combine("auth.json"));
        var pulled = await BerthCli.TryRunAsync(
            new Dictionary<string, string> { ["REGISTRY_AUTH_FILE"] = authFile }, "copy", target, $"oci:{_work.Combine("pulled")}:v1");

        Assert.Equal(4, anonymous.ExitCode);
        Assert.Equal(4, wrong.ExitCode);
        Assert.Equal(0, pulled.EnsureSuccess().ExitCode);
        LayoutAssert.SameContent(_layout.Directory, _work.Combine("pulled"), "v1");
    }

    [Fact]
    public async Task Copy_WithTokenAuth_ReadsDockerConfigJson()
    {
        var target = $"docker://{_server.HostPort}/carol/docker-config:v1";
        Directory.CreateDirectory(_work.Combine("docker"));
        await WriteAuthsAsync(Path.Combine(_work.Combine("docker"), "config.json"));

        var pushed = await BerthCli.TryRunAsync(
            new Dictionary<string, string> { ["DOCKER_CONFIG"] = _work.Combine("docker") }, "copy", $"oci:{_layout.Directory}:v1", target);

        Assert.Equal(0, pushed.EnsureSuccess().ExitCode);
        await BerthCli.RunAsync("copy", "--src-creds", "carol:carol-password", target, $"oci:{_work.Combine("from-docker-config")}:v1");
        LayoutAssert.SameContent(_layout.Directory, _work.Combine("from-docker-config"), "v1");
    }

    /// <summary>{"auths":{"HOST":{"auth":"base64(carol:carol-password)"}}}, as docker, podman and skopeo write on login.</summary>
    private async Task<string> WriteAuthsAsync(string path)
    {
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes("carol:carol-password"));
        var auths = new JsonObject { [_server.HostPort] = new JsonObject { ["auth"] = encoded } };
        await File.WriteAllTextAsync(path, new JsonObject { ["auths"] = auths }.ToJsonString());
        return path;
    }
}
