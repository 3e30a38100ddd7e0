using System.Net;

namespace Berth.Cluster.Tests.Sites;

/// <summary>
/// docs/deployment.md's nginx block for one index and a registry per site, run as written in front of the index and
/// two sites: skopeo pushes through nginx to site A (by path, on the index's host) and site B (its own host) with
/// tokens from the index; each site's challenge sends clients to the index's public realm with its own service; a
/// token for one site is refused by the other; the index shows each repository at its site with the public pull host.
/// </summary>
[Collection(SplitLayoutCollection.Name)]
public sealed class DocumentedSplitNginxTests(SplitLayoutFixture layout) : IDisposable
{
    private readonly SplitLayoutClient _client = new(layout);

    [Fact]
    public async Task SkopeoPushesThroughNginxToEachSite_AndTheIndexShowsEachAtItsSiteWithThePublicPullHost()
    {
        await _client.PushAsync(layout.MainAddress, "alice/nginx-a", "v1", seed: 11);
        await _client.PushAsync(layout.SiteBAddress, "alice/nginx-b", "v1", seed: 12);

        var a = await _client.WaitForTagAsync("alice/nginx-a", "v1");
        var b = await _client.WaitForTagAsync("alice/nginx-b", "v1");

        Assert.Equal("site-a", a.GetProperty("summary").GetProperty("registry").GetString());
        Assert.Equal(layout.MainAddress.Authority, a.GetProperty("pullHost").GetString());
        Assert.Equal("site-b", b.GetProperty("summary").GetProperty("registry").GetString());
        Assert.Equal(layout.SiteBAddress.Authority, b.GetProperty("pullHost").GetString());
        Assert.Equal(["v1"], await _client.SiteTagsAsync(layout.SiteBAddress, "site-b", "alice/nginx-b"));
        Assert.Equal(["v1"], await _client.SiteTagsAsync(layout.MainAddress, "site-a", "alice/nginx-a"));
    }

    [Fact]
    public async Task EachSitesChallenge_NamesItsServiceAndTheIndexsPublicRealm_AndATokenForOneSiteIsRefusedByTheOther()
    {
        using var challengeA = await _client.SiteTagsResponseAsync(layout.MainAddress, "alice/probe", null);
        using var challengeB = await _client.SiteTagsResponseAsync(layout.SiteBAddress, "alice/probe", null);
        var tokenForA = await _client.TokenAsync("site-a", "repository:alice/probe:pull");

        using var atA = await _client.SiteTagsResponseAsync(layout.MainAddress, "alice/probe", tokenForA);
        using var atB = await _client.SiteTagsResponseAsync(layout.SiteBAddress, "alice/probe", tokenForA);

        var realm = $"Bearer realm=\"{layout.MainAddress}token\"";
        Assert.StartsWith($"{realm},service=\"site-a\"", challengeA.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.StartsWith($"{realm},service=\"site-b\"", challengeB.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, atA.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, atB.StatusCode);
    }

    [Fact]
    public async Task TheIndexsPages_AreServedOnTheMainHost_WithHttpsRedirects()
    {
        using var http = new HttpClient(layout.Certificate.CreateHandler()) { BaseAddress = layout.MainAddress };

        using var signIn = await http.GetAsync("/signin");
        using var settings = await http.GetAsync("/settings");

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("Sign in", await signIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, settings.StatusCode);
        Assert.StartsWith($"{layout.MainAddress}signin", settings.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => _client.Dispose();
}
