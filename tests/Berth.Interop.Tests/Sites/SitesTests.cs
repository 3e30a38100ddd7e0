using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Berth.Interop.Tests.Layout;
using Berth.Interop.Tests.Tools;

namespace Berth.Interop.Tests.Sites;

/// <summary>
/// One index serving two registries (sites) in separate processes: skopeo pushes to each with the index's tokens; the
/// index learns tags, sizes and platforms from the sites' signed event batches and reads manifests and configs through
/// their /v2 API; a tag deleted through the index goes away in the right site; tokens are addressed to one site; a
/// replayed batch changes nothing; events survive an index restart and a site restart; a resync repairs lost events.
/// </summary>
public sealed class SitesTests : IClassFixture<SitesFixture>, IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly SitesFixture _fixture;
    private readonly string _skopeo = RequiredTool.Locate("skopeo", "skopeo");
    private readonly string _work;
    private readonly HttpClient _index;

    public SitesTests(SitesFixture fixture)
    {
        _fixture = fixture;
        _work = Directory.CreateTempSubdirectory("berth-sites-test-").FullName;
        _index = new HttpClient { BaseAddress = fixture.Index.BaseAddress };
        _index.DefaultRequestHeaders.Authorization = Basic("admin", SitesFixture.AdminPassword);
    }

    public void Dispose()
    {
        _index.Dispose();
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task SkopeoPushesToEachSite_AreShownByTheIndexWithTagsSizesPlatformsAndTheirSite()
    {
        await PushAsync(_fixture.RegistryA.HostPort, "alice/app-a", "v1", seed: 1);
        await PushAsync(_fixture.RegistryB.HostPort, "alice/app-b", "v1", seed: 2);

        var a = await WaitForTagAsync("alice/app-a", "v1");
        var b = await WaitForTagAsync("alice/app-b", "v1");
        using var readme = await _index.PatchAsJsonAsync("/api/v1/repositories/alice/app-b", new { readme = "# App B\nServed from site B." });
        var withReadme = await GetJsonAsync("/api/v1/repositories/alice/app-b");

        Assert.Equal("site-a", a.GetProperty("summary").GetProperty("registry").GetString());
        Assert.Equal("site-b", b.GetProperty("summary").GetProperty("registry").GetString());
        Assert.Equal(_fixture.RegistryB.HostPort, b.GetProperty("pullHost").GetString());
        foreach (var repository in new[] { a, b })
        {
            var tag = repository.GetProperty("tags").EnumerateArray().Single();
            Assert.True(tag.GetProperty("size").GetInt64() > 1000, repository.ToString());
            Assert.Equal("linux/amd64", tag.GetProperty("platforms").EnumerateArray().Single().GetString());
            Assert.True(repository.GetProperty("summary").GetProperty("totalSize").GetInt64() > 1000);
        }

        Assert.Equal(HttpStatusCode.NoContent, readme.StatusCode);
        Assert.Contains("<h1", withReadme.GetProperty("readmeHtml").GetString(), StringComparison.Ordinal);
        var tagDetail = await GetJsonAsync("/api/v1/tags/v1/alice/app-a");
        Assert.Equal(2, tagDetail.GetProperty("manifest").GetProperty("layers").GetArrayLength());
    }

    [Fact]
    public async Task PushEventsCarryingTheirManifest_AreShownWithoutReadingTheSite_AndEventsWithoutAreReadBack()
    {
        await PushAsync(_fixture.RegistryA.HostPort, "alice/carried", "v1", seed: 9);
        await PushAsync(_fixture.RegistryB.HostPort, "alice/read-back", "v1", seed: 10);

        var carried = await WaitForTagAsync("alice/carried", "v1");
        var readBack = await WaitForTagAsync("alice/read-back", "v1");
        await PollAsync(() => Task.FromResult(Reads(_fixture.RegistryB, "alice/read-back").Count >= 2));

        Assert.Empty(Reads(_fixture.RegistryA, "alice/carried"));
        Assert.Contains(Reads(_fixture.RegistryB, "alice/read-back"), r => r.Contains("/manifests/sha256:", StringComparison.Ordinal));
        Assert.Contains(Reads(_fixture.RegistryB, "alice/read-back"), r => r.Contains("/blobs/sha256:", StringComparison.Ordinal));
        foreach (var repository in new[] { carried, readBack })
        {
            var tag = repository.GetProperty("tags").EnumerateArray().Single();
            Assert.Equal("linux/amd64", tag.GetProperty("platforms").EnumerateArray().Single().GetString());
            Assert.True(tag.GetProperty("size").GetInt64() > 1000, repository.ToString());
            Assert.Equal(tag.GetProperty("size").GetInt64(), repository.GetProperty("summary").GetProperty("totalSize").GetInt64());
        }
    }

    [Fact]
    public async Task TokenForSiteA_IsRefusedBySiteB_AndUnknownServicesGetNoToken()
    {
        var token = await TokenAsync("site-a", "repository:alice/probe:pull");

        Assert.Equal(HttpStatusCode.NotFound, await TagsStatusAsync(_fixture.RegistryA, "alice/probe", token));
        Assert.Equal(HttpStatusCode.Unauthorized, await TagsStatusAsync(_fixture.RegistryB, "alice/probe", token));
        using var unknown = await _index.GetAsync("/token?service=site-z&scope=repository:alice/probe:pull");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);

        using var challenge = await new HttpClient().GetAsync(new Uri(_fixture.RegistryB.BaseAddress, "/v2/alice/probe/tags/list"));
        Assert.StartsWith($"Bearer realm=\"{_fixture.Index.BaseAddress}token\",service=\"site-b\"", challenge.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TagDeletedThroughTheIndex_IsDeletedInTheSiteItLivesIn()
    {
        await PushAsync(_fixture.RegistryB.HostPort, "alice/deleted", "v1", seed: 3);
        await PushAsync(_fixture.RegistryB.HostPort, "alice/deleted", "v2", seed: 4);
        await WaitForTagAsync("alice/deleted", "v2");
        await WaitForTagAsync("alice/deleted", "v1");

        using var deleted = await _index.DeleteAsync("/api/v1/tags/v1/alice/deleted");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(["v2"], await SiteTagsAsync(_fixture.RegistryB, "site-b", "alice/deleted"));
        var shown = await GetJsonAsync("/api/v1/repositories/alice/deleted");
        Assert.Equal(["v2"], shown.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task BatchDeliveredTwice_ChangesNothing_AndBadSignaturesAreRefused()
    {
        await PushAsync(_fixture.RegistryA.HostPort, "alice/replayed", "v1", seed: 5);
        await WaitForTagAsync("alice/replayed", "v1");
        var before = (await GetJsonAsync("/api/v1/repositories/alice/replayed")).GetProperty("summary").GetProperty("pullCount").GetInt64();
        var body = Encoding.UTF8.GetBytes(
            $$$"""{"events":[{"id":"{{{Guid.NewGuid():N}}}","timestamp":"{{{DateTime.UtcNow:O}}}","action":"pull","target":{"mediaType":"application/vnd.oci.image.manifest.v1+json","repository":"alice/replayed","tag":"v1"},"request":{},"actor":{},"source":{}}]}""");

        var first = await PostEventsAsync("site-a", SitesFixture.SecretA, body);
        var once = (await GetJsonAsync("/api/v1/repositories/alice/replayed")).GetProperty("summary").GetProperty("pullCount").GetInt64();
        var second = await PostEventsAsync("site-a", SitesFixture.SecretA, body);
        var forged = await PostEventsAsync("site-a", "not-the-secret-of-site-a", body);
        var otherSite = await PostEventsAsync("site-b", SitesFixture.SecretA, body);
        var after = (await GetJsonAsync("/api/v1/repositories/alice/replayed")).GetProperty("summary").GetProperty("pullCount").GetInt64();

        Assert.Equal(HttpStatusCode.NoContent, first);
        Assert.Equal(HttpStatusCode.NoContent, second);
        Assert.Equal(HttpStatusCode.Unauthorized, forged);
        Assert.Equal(HttpStatusCode.Unauthorized, otherSite);
        Assert.Equal((before + 1, before + 1), (once, after));
    }

    [Fact]
    public async Task IndexDownDuringPushes_AndSiteRestartedWithQueuedEvents_LosesNoEvent()
    {
        // Tokens are valid for minutes: clients holding one keep pushing while the index restarts.
        var token = await TokenAsync("site-a", "repository:alice/queued:pull,push");
        await _fixture.Index.KillAsync();
        try
        {
            await PushAsync(_fixture.RegistryA.HostPort, "alice/queued", "v1", seed: 6, token);
            await PollAsync(() => Task.FromResult(Directory.Exists(_fixture.RegistryAQueue) && Directory.EnumerateFiles(_fixture.RegistryAQueue, "*.json").Any()));
            await _fixture.RegistryA.KillAsync();
            await _fixture.StartRegistryAAsync();
        }
        finally
        {
            await _fixture.StartIndexAsync();
        }

        await PushAsync(_fixture.RegistryA.HostPort, "alice/queued", "v2", seed: 7, token);

        await WaitForTagAsync("alice/queued", "v1");
        await WaitForTagAsync("alice/queued", "v2");
    }

    [Fact]
    public async Task SiteWhoseQueuedEventsWereDeleted_IsBroughtBackInSyncByAResync()
    {
        var token = await TokenAsync("site-a", "repository:alice/lost:pull,push");
        await _fixture.Index.KillAsync();
        try
        {
            await PushAsync(_fixture.RegistryA.HostPort, "alice/lost", "v1", seed: 8, token);
            await PollAsync(() => Task.FromResult(Directory.Exists(_fixture.RegistryAQueue) && Directory.EnumerateFiles(_fixture.RegistryAQueue, "*.json").Any()));
            await _fixture.RegistryA.KillAsync();
            foreach (var file in Directory.EnumerateFiles(_fixture.RegistryAQueue, "*.json"))
            {
                File.Delete(file);
            }

            await _fixture.StartRegistryAAsync();
        }
        finally
        {
            await _fixture.StartIndexAsync();
        }

        using (var missing = await _index.GetAsync("/api/v1/tags/v1/alice/lost"))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        using var resync = await _index.PostAsync("/api/v1/registries/site-a/resync", null);
        var result = JsonDocument.Parse(await resync.Content.ReadAsStringAsync()).RootElement;
        var status = await GetJsonAsync("/api/v1/registries");

        Assert.Equal(HttpStatusCode.OK, resync.StatusCode);
        Assert.True(result.GetProperty("tags").GetInt32() >= 1);
        await WaitForTagAsync("alice/lost", "v1");
        var siteA = status.EnumerateArray().Single(r => r.GetProperty("name").GetString() == "site-a");
        Assert.True(siteA.GetProperty("reachable").GetBoolean());
        Assert.NotEqual(JsonValueKind.Null, siteA.GetProperty("lastResyncAt").ValueKind);
    }

    /// <summary>skopeo copy of a fresh two-layer image: logged in at the registry, or with a token fetched earlier (the index may be down).</summary>
    private async Task PushAsync(string registry, string repository, string tag, int seed, string? token = null)
    {
        var layout = new OciLayoutBuilder(Path.Combine(_work, $"source-{seed}"), seed);
        layout.Tag(tag, layout.AddImage(layerCount: 2).Manifest);
        string[] credentials;
        if (token is null)
        {
            var auth = Path.Combine(_work, $"auth-{registry.Replace(':', '-')}.json");
            await SkopeoAsync("login", "--tls-verify=false", "--authfile", auth, "-u", "alice", "-p", "alice-password", registry);
            credentials = ["--authfile", auth];
        }
        else
        {
            credentials = ["--dest-registry-token", token];
        }

        await SkopeoAsync(["copy", "--dest-tls-verify=false", .. credentials, $"oci:{layout.Directory}:{tag}", $"docker://{registry}/{repository}:{tag}"]);
    }

    /// <summary>The repository once the index shows the tag (the event has to travel from the site first).</summary>
    private async Task<JsonElement> WaitForTagAsync(string repository, string tag)
    {
        JsonElement found = default;
        await PollAsync(async () =>
        {
            using var response = await _index.GetAsync($"/api/v1/repositories/{repository}");
            if (!response.IsSuccessStatusCode)
            {
                return false;
            }

            found = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            return found.GetProperty("tags").EnumerateArray().Any(t => t.GetProperty("name").GetString() == tag);
        });
        return found;
    }

    /// <summary>The GETs of a repository's manifests and blobs in a site's request log: skopeo pushes with HEADs and PUTs, so these are the index's reads.</summary>
    private static List<string> Reads(Fixtures.BerthProcess registry, string repository) =>
        [.. registry.Log.Split('\n').Where(l => l.Contains($"GET /v2/{repository}/manifests/", StringComparison.Ordinal) || l.Contains($"GET /v2/{repository}/blobs/", StringComparison.Ordinal))];

    private static async Task PollAsync(Func<Task<bool>> done)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold within " + Deadline);
            await Task.Delay(100);
        }
    }

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await _index.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private async Task<string> TokenAsync(string service, string scope)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/token?service={service}&scope={Uri.EscapeDataString(scope)}");
        request.Headers.Authorization = Basic("alice", "alice-password");
        using var response = await _index.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("token").GetString()!;
    }

    private static async Task<HttpStatusCode> TagsStatusAsync(Fixtures.BerthProcess registry, string repository, string token)
    {
        using var http = new HttpClient { BaseAddress = registry.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/{repository}/tags/list");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private async Task<List<string>> SiteTagsAsync(Fixtures.BerthProcess registry, string service, string repository)
    {
        var token = await TokenAsync(service, $"repository:{repository}:pull");
        using var http = new HttpClient { BaseAddress = registry.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/{repository}/tags/list");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return [.. JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!)];
    }

    private async Task<HttpStatusCode> PostEventsAsync(string registry, string secret, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/registry-events") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.docker.distribution.events.v1+json");
        request.Headers.Add("X-Berth-Registry", registry);
        request.Headers.Add("X-Berth-Signature", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body)));
        request.Headers.Authorization = null;
        using var anonymous = new HttpClient { BaseAddress = _fixture.Index.BaseAddress };
        using var response = await anonymous.SendAsync(request);
        return response.StatusCode;
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    private async Task SkopeoAsync(params string[] arguments) =>
        (await ProcessRunner.RunAsync(_skopeo, ["--insecure-policy", .. arguments])).EnsureSuccess();
}
