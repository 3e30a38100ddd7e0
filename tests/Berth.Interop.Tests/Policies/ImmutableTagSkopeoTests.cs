using System.Net;
using Berth.Interop.Tests.Fixtures;
using Berth.Interop.Tests.Layout;
using Berth.Interop.Tests.Tools;
using Berth.Registry.Policies;
using Berth.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Interop.Tests.Policies;

/// <summary>skopeo against an immutable tag: moving it fails with a message naming the rule; copying the same image again succeeds.</summary>
public sealed class ImmutableTagSkopeoTests : IAsyncLifetime
{
    private readonly string _skopeo = RequiredTool.Locate("skopeo", "skopeo");
    private readonly TempDirectory _work = new("berth-immutable-");
    private BerthTestServer _server = null!;
    private OciLayoutBuilder _layout = null!;
    private OciImage _first = null!;

    public async Task InitializeAsync()
    {
        _server = await BerthTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["GarbageCollection:Enabled"] = "false",
            ["Retention:Enabled"] = "false",
        });
        _layout = new OciLayoutBuilder(_work.Combine("source"), seed: 77);
        _first = _layout.AddImage(layerCount: 2);
        _layout.Tag("first", _first.Manifest);
        _layout.Tag("second", _layout.AddImage(layerCount: 2).Manifest);
        await _server.Services.GetRequiredService<NamespacePolicyStore>().PutAsync(
            "release",
            new NamespacePolicy { ImmutableTags = [new ImmutableTagRule { Tags = "v*" }] },
            default);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _work.Dispose();
    }

    [Fact]
    public async Task CopyOfAnotherImageToImmutableTag_FailsNamingTheTag_AndSameImageCopiesAgain()
    {
        var target = $"docker://{_server.HostPort}/release/app:v1";
        await CopyAsync("first", target);

        var refused = await SkopeoAsync("copy", "--dest-tls-verify=false", $"oci:{_layout.Directory}:second", target);

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("immutable", refused.StandardError, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("v*", refused.StandardError, StringComparison.Ordinal);
        Assert.Equal(_first.Manifest.Digest, await DigestOfAsync("release/app", "v1"));

        await CopyAsync("first", target);
        Assert.Equal(_first.Manifest.Digest, await DigestOfAsync("release/app", "v1"));
    }

    private async Task CopyAsync(string tag, string target) =>
        (await SkopeoAsync("copy", "--dest-tls-verify=false", $"oci:{_layout.Directory}:{tag}", target)).EnsureSuccess();

    private async Task<string?> DigestOfAsync(string repository, string tag)
    {
        using var http = _server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Head, $"/v2/{repository}/manifests/{tag}");
        request.Headers.Accept.ParseAdd("application/vnd.oci.image.manifest.v1+json");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.GetValues("Docker-Content-Digest").Single();
    }

    private Task<ProcessResult> SkopeoAsync(params string[] arguments) =>
        ProcessRunner.RunAsync(_skopeo, ["--insecure-policy", .. arguments]);
}
