using Berth.Index.Accounts;
using Berth.Interop.Tests.Fixtures;
using Berth.Interop.Tests.Layout;
using Berth.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Interop.Tests.Mirror;

/// <summary>An upstream Berth with token auth on: the mirror answers its Bearer challenges with the configured account.</summary>
public sealed class MirrorTokenUpstreamTests
{
    private readonly Tools.Skopeo _skopeo = new();

    [Fact]
    public async Task SkopeoPull_ThroughMirrorWithUpstreamCredentials_GetsThePrivateImage_WithoutThemItFails()
    {
        using var work = new TempDirectory("berth-mirror-token-");
        await using var upstream = await BerthTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Auth:Mode"] = "Token",
            ["Index:AdminPassword"] = "admin-secret-1",
            ["Index:BcryptWorkFactor"] = "4",
        });
        await upstream.Services.GetRequiredService<AccountService>().CreateUserAsync("site", "site-password", false, "test", default);
        var source = new OciLayoutBuilder(work.Combine("source"), seed: 111);
        source.Tag("v1", source.AddImage(layerCount: 2).Manifest);
        await _skopeo.RunAsync("copy", "--dest-tls-verify=false", "--dest-creds", "site:site-password", $"oci:{source.Directory}:v1", $"docker://{upstream.HostPort}/site/private:v1");
        await using var mirror = await MirrorServer.StartAsync(upstream.BaseAddress, new Dictionary<string, string?>
        {
            ["Mirror:Username"] = "site",
            ["Mirror:Password"] = "site-password",
        });
        await using var anonymous = await MirrorServer.StartAsync(upstream.BaseAddress);

        await _skopeo.PullAsync($"{mirror.HostPort}/site/private:v1", work.Combine("pulled"), "v1");

        LayoutAssert.SameContent(source.Directory, work.Combine("pulled"), "v1");
        var refused = await _skopeo.TryInspectRawAsync($"{anonymous.HostPort}/site/private:v1");
        Assert.NotEqual(0, refused.ExitCode);
    }
}
