using Berth.Index.Accounts;
using Berth.Index.Data;
using Berth.Index.Metadata;
using Berth.Index.Organizations;
using Berth.Index.Repositories;
using Berth.Interop.Tests.Fixtures;
using Berth.Interop.Tests.Layout;
using Berth.Interop.Tests.Tools;
using Berth.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Interop.Tests.Auth;

/// <summary>
/// podman search against Berth (GET /v1/search): repositories pushed by skopeo are found by name and description,
/// only when public: podman sends no credentials to /v1/search, even after podman login.
/// </summary>
public sealed class PodmanSearchTests : IAsyncLifetime
{
    private const string AdminPassword = "admin-secret-1";
    private readonly string _skopeo = RequiredTool.Locate("skopeo", "skopeo");
    private readonly TempDirectory _work = new("berth-search-");
    private BerthTestServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await BerthTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Auth:Mode"] = "Token",
            ["Index:AdminPassword"] = AdminPassword,
            ["Index:BcryptWorkFactor"] = "4",
        });
        await _server.Services.GetRequiredService<AccountService>().CreateUserAsync("alice", "alice-password", false, "test", default);
        var layout = new OciLayoutBuilder(_work.Combine("source"), seed: 43);
        layout.Tag("v1", layout.AddImage(layerCount: 1).Manifest);
        foreach (var repository in new[] { "alice/webshop", "alice/webshop-secrets" })
        {
            (await ProcessRunner.RunAsync(_skopeo, ["--insecure-policy", "copy", "--dest-tls-verify=false", "--dest-creds", "alice:alice-password", $"oci:{layout.Directory}:v1", $"docker://{_server.HostPort}/{repository}:v1"])).EnsureSuccess();
        }

        await _server.Services.GetRequiredService<MetadataQueue>().FlushAsync(default);
        await _server.Services.GetRequiredService<OrganizationService>().SetVisibilityAsync("alice/webshop", RepositoryVisibility.Public, "test", default);
        var alice = (await _server.Services.GetRequiredService<Authenticator>().LoginAsync("alice", "alice-password", null, default)).Principal!;
        await _server.Services.GetRequiredService<RepositorySettingsService>().UpdateAsync(alice, "alice/webshop", new RepositorySettings("Storefront for gardening supplies", null, null), default);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _work.Dispose();
    }

    [Fact]
    public async Task PodmanSearch_Anonymous_FindsPublicRepositoryByNameAndDescription_NotPrivate()
    {
        var podman = new Tools.Podman(_work.Combine("podman"));

        var byName = await podman.RunAsync("search", "--tls-verify=false", "--no-trunc", "--format", "{{.Name}}|{{.Description}}", $"{_server.HostPort}/webshop");
        var byDescription = await podman.RunAsync("search", "--tls-verify=false", "--format", "{{.Name}}", $"{_server.HostPort}/gardening");

        var line = Assert.Single(Lines(byName.StandardOutput));
        Assert.Equal($"{_server.HostPort}/alice/webshop|Storefront for gardening supplies", line);
        Assert.Equal([$"{_server.HostPort}/alice/webshop"], Lines(byDescription.StandardOutput));
    }

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
