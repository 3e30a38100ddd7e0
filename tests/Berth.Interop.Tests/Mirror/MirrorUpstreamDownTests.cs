using System.Net;
using Berth.Interop.Tests.Fixtures;
using Berth.Interop.Tests.Layout;
using Berth.Testing;

namespace Berth.Interop.Tests.Mirror;

/// <summary>
/// A mirror started as its own process with <c>berth serve --mirror-of</c> keeps serving what it cached when the
/// upstream goes away (stale tags flagged), and fails cleanly for what it never fetched.
/// </summary>
public sealed class MirrorUpstreamDownTests
{
    private readonly Tools.Skopeo _skopeo = new();

    [Fact]
    public async Task UpstreamStopped_AfterAFirstPull_CachedImageStillPulls_UncachedOneFailsCleanly()
    {
        using var work = new TempDirectory("berth-mirror-down-");
        var upstream = await BerthTestServer.StartAsync();
        var source = new OciLayoutBuilder(work.Combine("source"), seed: 71);
        source.Tag("cached", source.AddImage(layerCount: 2).Manifest);
        source.Tag("never", source.AddImage(layerCount: 1).Manifest);
        await _skopeo.PushAsync(source.Directory, "cached", $"{upstream.HostPort}/site/app:cached");
        await _skopeo.PushAsync(source.Directory, "never", $"{upstream.HostPort}/site/app:never");
        await using var mirror = await BerthProcess.StartAsync(
            work.Combine("mirror-data"), FreePort.Next(), ["--auth", "none", "--mirror-of", upstream.BaseAddress.ToString(), "--Mirror:TagTtl=00:00:00"]);

        await _skopeo.PullAsync($"{mirror.HostPort}/site/app:cached", work.Combine("first"), "cached");
        await upstream.DisposeAsync();

        await _skopeo.PullAsync($"{mirror.HostPort}/site/app:cached", work.Combine("second"), "cached");
        LayoutAssert.SameContent(source.Directory, work.Combine("second"), "cached");
        using var http = new HttpClient { BaseAddress = mirror.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v2/site/app/manifests/cached");
        request.Headers.TryAddWithoutValidation("Accept", "application/vnd.oci.image.manifest.v1+json");
        using var stale = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("stale", string.Join(' ', stale.Headers.GetValues("Warning")), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("the upstream is unreachable", mirror.Log, StringComparison.Ordinal);

        var uncached = await _skopeo.TryInspectRawAsync($"{mirror.HostPort}/site/app:never");
        Assert.NotEqual(0, uncached.ExitCode);
        using var refused = await http.GetAsync("/v2/site/app/manifests/never");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Contains("\"UNAVAILABLE\"", body, StringComparison.Ordinal);
        Assert.Contains("unreachable", body, StringComparison.Ordinal);
    }
}
