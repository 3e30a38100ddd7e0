using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Berth.Interop.Tests.Layout;
using Berth.Interop.Tests.Tools;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Berth.Interop.Tests.Auth.TwoProcesses;

/// <summary>
/// Index and registry as two OS processes: skopeo logs in and pushes and pulls through the registry with tokens of the
/// index; tokens the index did not sign are refused; a key rotation on the index reaches the registry through the JWKS.
/// </summary>
public abstract class TwoProcessesTests<TFixture> : IClassFixture<TFixture>, IDisposable
    where TFixture : TwoProcessesFixture
{
    private readonly TFixture _fixture;
    private readonly string _skopeo = RequiredTool.Locate("skopeo", "skopeo");
    private readonly string _work;
    private readonly HttpClient _index;
    private readonly HttpClient _registry;

    protected TwoProcessesTests(TFixture fixture)
    {
        _fixture = fixture;
        _work = Directory.CreateTempSubdirectory("berth-two-processes-test-").FullName;
        _index = new HttpClient { BaseAddress = fixture.Index.BaseAddress };
        _registry = new HttpClient { BaseAddress = fixture.Registry.BaseAddress };
    }

    public void Dispose()
    {
        _index.Dispose();
        _registry.Dispose();
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task SkopeoLogin_ThroughTheRegistryProcess_PushesAndPullsWithIndexTokens_AndIsDeniedBeyondItsRights()
    {
        var layout = new OciLayoutBuilder(Path.Combine(_work, "source"), seed: 47);
        layout.Tag("v1", layout.AddImage(layerCount: 2).Manifest);
        var registry = _fixture.Registry.HostPort;
        var aliceAuth = Path.Combine(_work, "alice.json");
        var bobAuth = Path.Combine(_work, "bob.json");

        await SkopeoAsync("login", "--tls-verify=false", "--authfile", aliceAuth, "-u", "alice", "-p", "alice-password", registry);
        await SkopeoAsync("copy", "--dest-tls-verify=false", "--authfile", aliceAuth, $"oci:{layout.Directory}:v1", $"docker://{registry}/alice/app:v1");
        await SkopeoAsync("copy", "--src-tls-verify=false", "--authfile", aliceAuth, $"docker://{registry}/alice/app:v1", $"oci:{Path.Combine(_work, "pulled")}:v1");
        await SkopeoAsync("login", "--tls-verify=false", "--authfile", bobAuth, "-u", "bob", "-p", "bob-password", registry);
        var denied = await TrySkopeoAsync("copy", "--dest-tls-verify=false", "--authfile", bobAuth, $"oci:{layout.Directory}:v1", $"docker://{registry}/alice/stolen:v1");
        var wrongPassword = await TrySkopeoAsync("login", "--tls-verify=false", "--authfile", Path.Combine(_work, "bad.json"), "-u", "alice", "-p", "wrong", registry);

        LayoutAssert.SameContent(layout.Directory, Path.Combine(_work, "pulled"), "v1");
        Assert.NotEqual(0, denied.ExitCode);
        Assert.NotEqual(0, wrongPassword.ExitCode);
        AssertNotInRegistryStore("alice/stolen");
    }

    [Fact]
    public async Task Registry_ChallengesWithTheIndexRealm()
    {
        using var response = await _registry.GetAsync("/v2/alice/app/tags/list");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith($"Bearer realm=\"{_fixture.Index.BaseAddress}token\",service=\"berth\"", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForgedTokens_AreRefusedByTheRegistryProcess_AndWriteNothing()
    {
        var realKid = await ActiveKidAsync();
        var claims = Claims("alice/forged");
        using var foreignKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var genuine = await TokenAsync("alice", "alice-password", "repository:alice/forged:pull");
        var parts = genuine.Split('.');
        var payload = Base64UrlEncoder.Encode(JsonSerializer.Serialize(claims));
        string[] forged =
        [
            Sign(claims, foreignKey, realKid),
            Sign(claims, foreignKey, "unknown-" + Guid.NewGuid().ToString("N")),
            $"{Base64UrlEncoder.Encode($"{{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"{realKid}\"}}")}.{payload}.",

            // A genuine signature over another payload: a pull token widened to push.
            $"{parts[0]}.{payload}.{parts[2]}",
        ];

        foreach (var token in forged)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/alice/forged/blobs/uploads/");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await _registry.SendAsync(request);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains("UNAUTHORIZED", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        AssertNotInRegistryStore("alice/forged");
    }

    [Fact]
    public async Task KeyRotationOnTheIndex_ReachesTheRegistry_AndUnknownKeyIdsRefetchAtMostOncePerFiveSeconds()
    {
        var before = await TokenAsync("alice", "alice-password", "repository:alice/rotated:pull");
        Assert.Equal(HttpStatusCode.NotFound, await RegistryTagsAsync("alice/rotated", before));

        await _fixture.AdminAsync("token", "rotate-key");
        var after = await EventuallyAsync(
            () => TokenAsync("alice", "alice-password", "repository:alice/rotated:pull"),
            token => Kid(token) != Kid(before));
        var status = await EventuallyAsync(() => RegistryTagsAsync("alice/rotated", after), s => s != HttpStatusCode.Unauthorized);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(HttpStatusCode.NotFound, await RegistryTagsAsync("alice/rotated", before));
        Assert.Contains(Kid(before), await PublishedKidsAsync());

        var fetches = FetchCount();
        using var foreignKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        for (var i = 0; i < 20; i++)
        {
            var unknown = Sign(Claims("alice/rotated"), foreignKey, "unknown-" + i);
            Assert.Equal(HttpStatusCode.Unauthorized, await RegistryTagsAsync("alice/rotated", unknown));
        }

        Assert.InRange(FetchCount() - fetches, 0, 1);
    }

    private static Dictionary<string, object> Claims(string repository)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return new Dictionary<string, object>
        {
            ["iss"] = "berth-index",
            ["aud"] = "berth",
            ["sub"] = "alice",
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + 300,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["access"] = new[] { new Dictionary<string, object> { ["type"] = "repository", ["name"] = repository, ["actions"] = new[] { "pull", "push" } } },
        };
    }

    private static string Sign(Dictionary<string, object> claims, ECDsa key, string kid) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(
            JsonSerializer.Serialize(claims),
            new SigningCredentials(new ECDsaSecurityKey(key) { KeyId = kid }, SecurityAlgorithms.EcdsaSha256));

    private static string Kid(string token) =>
        JsonDocument.Parse(Base64UrlEncoder.Decode(token.Split('.')[0])).RootElement.GetProperty("kid").GetString()!;

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var value = await probe();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(250);
        }
    }

    private int FetchCount() =>
        _fixture.Registry.Log.Split('\n').Count(l => l.Contains("signing keys from", StringComparison.Ordinal) && l.Contains("Fetched", StringComparison.Ordinal));

    private async Task<string> ActiveKidAsync() => Kid(await TokenAsync("alice", "alice-password", "repository:alice/x:pull"));

    private async Task<List<string>> PublishedKidsAsync()
    {
        var json = JsonDocument.Parse(await _index.GetStringAsync("/.well-known/jwks.json"));
        return [.. json.RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!)];
    }

    private async Task<HttpStatusCode> RegistryTagsAsync(string repository, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/{repository}/tags/list");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _registry.SendAsync(request);
        return response.StatusCode;
    }

    private async Task<string> TokenAsync(string user, string password, string scope)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/token?service=berth&scope=" + Uri.EscapeDataString(scope));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        using var response = await _index.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("token").GetString()!;
    }

    private void AssertNotInRegistryStore(string repository) =>
        Assert.DoesNotContain(
            Directory.EnumerateDirectories(_fixture.RegistryDataDirectory, "*", SearchOption.AllDirectories),
            d => d.Replace('\\', '/').EndsWith("/" + repository, StringComparison.Ordinal));

    private async Task SkopeoAsync(params string[] arguments) => (await TrySkopeoAsync(arguments)).EnsureSuccess();

    private Task<ProcessResult> TrySkopeoAsync(params string[] arguments) =>
        ProcessRunner.RunAsync(_skopeo, ["--insecure-policy", .. arguments]);
}
