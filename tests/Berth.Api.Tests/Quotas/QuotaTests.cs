using System.Net;
using System.Text;
using System.Text.Json;
using Berth.Api.Tests.Infrastructure;
using Digest = Berth.Registry.Content.Digest;
using Berth.Registry.Layout;
using Berth.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Api.Tests.Quotas;

/// <summary>
/// Namespace quotas at push (blob upload, mount, manifest), usage with shared layers counted once, freeing space by
/// deleting and collecting, and the garbage collection history, through the registry and admin APIs.
/// </summary>
public abstract class QuotaTests(RegistryFixture fixture) : RegistryTestBase(fixture)
{
    [Fact]
    public async Task BlobUpload_NewToFullNamespace_IsDeniedWithUsedLimitAndNeeded_AndStoresNothing()
    {
        var ns = NewNamespace();
        var repository = $"{ns}/app";
        await SetQuotaAsync(ns, 1000);
        await Registry.PushBlobAsync(repository, TestContent.Random(600));
        var second = TestContent.Random(600);
        var digest = TestContent.Sha256(second);

        var session = await Registry.StartUploadAsync(repository);
        using var response = await Registry.SendAsync(HttpMethod.Put, RegistryClient.WithQuery(session.Location, "digest", digest), RegistryClient.Octets(second));

        var error = await OciAssert.ErrorAsync(response, HttpStatusCode.Forbidden, "DENIED");
        var message = error.GetProperty("message").GetString()!;
        Assert.Contains($"quota of namespace '{ns}'", message, StringComparison.Ordinal);
        Assert.Contains("600 bytes used of 1000 bytes", message, StringComparison.Ordinal);
        Assert.Contains("needs 600 bytes more", message, StringComparison.Ordinal);
        var detail = error.GetProperty("detail");
        Assert.Equal(600, detail.GetProperty("used").GetInt64());
        Assert.Equal(1000, detail.GetProperty("limit").GetInt64());
        Assert.Equal(600, detail.GetProperty("needed").GetInt64());
        using var head = await Registry.HeadAsync($"/v2/{repository}/blobs/{digest}");
        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        using var status = await Registry.GetAsync(session.Location);
        await OciAssert.ErrorAsync(status, HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");
        Assert.False(await IsStoredAsync(digest), "The refused upload's data must not reach /v1/blobs.");

        using var monolithic = await Registry.PostUploadAsync(repository, "?digest=" + digest, RegistryClient.Octets(second));
        await OciAssert.ErrorAsync(monolithic, HttpStatusCode.Forbidden, "DENIED");
        Assert.False(await IsStoredAsync(digest));
    }

    [Fact]
    public async Task Mount_OfBlobNewToFullNamespace_IsDenied_AndLinksNothing()
    {
        var source = $"{NewNamespace()}/source";
        var content = TestContent.Random(600);
        var digest = await Registry.PushBlobAsync(source, content);
        var ns = NewNamespace();
        await SetQuotaAsync(ns, 500);

        using var response = await Registry.PostUploadAsync($"{ns}/app", $"?mount={digest}&from={source}");

        var error = await OciAssert.ErrorAsync(response, HttpStatusCode.Forbidden, "DENIED");
        Assert.Contains("0 bytes used of 500 bytes", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        using var head = await Registry.HeadAsync($"/v2/{ns}/app/blobs/{digest}");
        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        Assert.True(await IsStoredAsync(digest), "The source repository keeps its blob.");
    }

    [Fact]
    public async Task Manifest_OverQuota_IsDenied_AndIsNeitherTaggedNorReadable()
    {
        var ns = NewNamespace();
        var repository = $"{ns}/app";
        var configBytes = TestContent.Utf8("{\"architecture\":\"amd64\",\"os\":\"linux\"}");
        var layerBytes = TestContent.Random(300);
        await SetQuotaAsync(ns, configBytes.Length + layerBytes.Length + 10);
        var config = await Registry.PushBlobAsync(repository, MediaTypes.OciConfig, configBytes);
        var layer = await Registry.PushBlobAsync(repository, MediaTypes.OciLayer, layerBytes);
        var manifest = ManifestJson.Serialize(ManifestJson.OciManifest(config, [layer]));

        using var response = await Registry.PutManifestAsync(repository, "v1", manifest, MediaTypes.OciManifest);

        var error = await OciAssert.ErrorAsync(response, HttpStatusCode.Forbidden, "DENIED");
        Assert.Equal(manifest.Length, error.GetProperty("detail").GetProperty("needed").GetInt64());
        using var byTag = await Registry.GetAsync($"/v2/{repository}/manifests/v1", ("Accept", MediaTypes.OciManifest));
        await OciAssert.ErrorAsync(byTag, HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
        using var byDigest = await Registry.GetAsync($"/v2/{repository}/manifests/{TestContent.Sha256(manifest)}", ("Accept", MediaTypes.OciManifest));
        await OciAssert.ErrorAsync(byDigest, HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
        Assert.False(await IsStoredAsync(TestContent.Sha256(manifest)));
    }

    [Fact]
    public async Task Blob_AlreadyInNamespace_CostsNothing_InAnotherRepositoryOfIt()
    {
        var ns = NewNamespace();
        var content = TestContent.Random(600);
        var digest = await Registry.PushBlobAsync($"{ns}/one", content);
        await SetQuotaAsync(ns, 600);

        await Registry.PushBlobAsync($"{ns}/two", content);
        using var mount = await Registry.PostUploadAsync($"{ns}/three", $"?mount={digest}&from={ns}/one");

        await OciAssert.StatusAsync(HttpStatusCode.Created, mount);
        Assert.Equal(600, (await NamespaceRowAsync(ns)).GetProperty("usedBytes").GetInt64());
    }

    [Fact]
    public async Task Usage_CountsALayerSharedByRepositoriesOfOneNamespaceOnce()
    {
        var ns = NewNamespace();
        var shared = TestContent.Random(1000);
        var unique = TestContent.Random(200);
        var configA = TestContent.Utf8("{\"os\":\"linux\",\"n\":\"a\"}");
        var configB = TestContent.Utf8("{\"os\":\"linux\",\"n\":\"b\"}");
        var manifestA = await PushImageAsync($"{ns}/a", configA, shared);
        var manifestB = await PushImageAsync($"{ns}/b", configB, shared, unique);

        var row = await NamespaceRowAsync(ns);

        Assert.Equal(shared.Length + unique.Length + configA.Length + configB.Length + manifestA.Length + manifestB.Length, row.GetProperty("usedBytes").GetInt64());
        Assert.Equal(6, row.GetProperty("blobs").GetInt32());
        Assert.Equal([$"{ns}/a", $"{ns}/b"], row.GetProperty("repositories").EnumerateArray().Select(r => r.GetString()!));
        Assert.Equal("none", row.GetProperty("quotaSource").GetString());
    }

    [Fact]
    public async Task DeletingTheTagAndCollecting_FreesQuota_SoTheRefusedPushSucceeds()
    {
        var ns = NewNamespace();
        var repository = $"{ns}/app";
        await PushImageAsync(repository, TestContent.Utf8("{\"os\":\"linux\",\"n\":\"1\"}"), TestContent.Random(2000));
        var used = (await NamespaceRowAsync(ns)).GetProperty("usedBytes").GetInt64();
        await SetQuotaAsync(ns, used + 100);
        var next = TestContent.Random(2000);
        using (var refused = await Registry.PostUploadAsync(repository, "?digest=" + TestContent.Sha256(next), RegistryClient.Octets(next)))
        {
            await OciAssert.ErrorAsync(refused, HttpStatusCode.Forbidden, "DENIED");
        }

        using (var untag = await Registry.DeleteAsync($"/v2/{repository}/manifests/latest"))
        {
            await OciAssert.StatusAsync(HttpStatusCode.Accepted, untag);
        }

        // Object stores keep modification times in whole seconds; the collection removes what is older than its start.
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        var run = await StartRunAsync(dryRun: false);
        Assert.True(run.GetProperty("bytesDeleted").GetInt64() >= used, run.ToString());

        await PushImageAsync(repository, TestContent.Utf8("{\"os\":\"linux\",\"n\":\"2\"}"), next);
        var runs = await GetJsonAsync("/api/v1/admin/gc/runs");
        var record = runs.GetProperty("runs").EnumerateArray().First(r => r.GetProperty("runId").GetString() == run.GetProperty("runId").GetString());
        Assert.Equal("completed", record.GetProperty("outcome").GetString());
        Assert.Equal(run.GetProperty("bytesDeleted").GetInt64(), record.GetProperty("bytesDeleted").GetInt64());
        Assert.False(string.IsNullOrEmpty(record.GetProperty("node").GetString()));
    }

    [Fact]
    public async Task GcRuns_RealRunsAreRecordedNewestFirst_DryRunsAreNot()
    {
        var dry = await StartRunAsync(dryRun: true);
        var real = await StartRunAsync(dryRun: false);

        var runs = (await GetJsonAsync("/api/v1/admin/gc/runs")).GetProperty("runs").EnumerateArray().ToList();

        Assert.True(dry.GetProperty("dryRun").GetBoolean());
        Assert.Equal(real.GetProperty("runId").GetString(), runs[0].GetProperty("runId").GetString());
        Assert.DoesNotContain(runs, r => r.GetProperty("runId").GetString() == dry.GetProperty("runId").GetString());
        Assert.Single((await GetJsonAsync("/api/v1/admin/gc/runs?limit=1")).GetProperty("runs").EnumerateArray());
        using var badLimit = await Registry.GetAsync("/api/v1/admin/gc/runs?limit=0");
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
    }

    [Fact]
    public async Task QuotaApi_SetsReadsAndClears_AndRefusesBadInput()
    {
        var ns = NewNamespace();
        using (var negative = await PutQuotaAsync(ns, "{\"limitBytes\":-1}"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
            Assert.Contains("QUOTA_INVALID", await negative.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var notJson = await PutQuotaAsync(ns, "lots"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        }

        using (var badName = await PutQuotaAsync("Not_A.Namespace-", "{\"limitBytes\":5}"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badName.StatusCode);
            Assert.Contains("NAME_INVALID", await badName.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await SetQuotaAsync(ns, 5_000_000);
        var set = await GetJsonAsync($"/api/v1/admin/quotas/{ns}");
        Assert.Equal(5_000_000, set.GetProperty("limitBytes").GetInt64());
        Assert.Equal("namespace", set.GetProperty("source").GetString());
        Assert.Equal(5_000_000, (await NamespaceRowAsync(ns)).GetProperty("quotaBytes").GetInt64());

        using (var delete = await Registry.DeleteAsync($"/api/v1/admin/quotas/{ns}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        using (var again = await Registry.DeleteAsync($"/api/v1/admin/quotas/{ns}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        }

        var cleared = await GetJsonAsync($"/api/v1/admin/quotas/{ns}");
        Assert.Equal(0, cleared.GetProperty("limitBytes").GetInt64());
        Assert.Equal("none", cleared.GetProperty("source").GetString());
    }

    private static string NewNamespace() => "q" + Guid.NewGuid().ToString("N")[..12];

    private async Task<byte[]> PushImageAsync(string repository, byte[] config, params byte[][] layers)
    {
        var configDescriptor = await Registry.PushBlobAsync(repository, MediaTypes.OciConfig, config);
        var layerDescriptors = new List<Descriptor>();
        foreach (var layer in layers)
        {
            layerDescriptors.Add(await Registry.PushBlobAsync(repository, MediaTypes.OciLayer, layer));
        }

        var manifest = ManifestJson.Serialize(ManifestJson.OciManifest(configDescriptor, layerDescriptors));
        await Registry.PushManifestAsync(repository, "latest", manifest, MediaTypes.OciManifest);
        return manifest;
    }

    private Task<HttpResponseMessage> PutQuotaAsync(string ns, string body) =>
        Registry.SendAsync(HttpMethod.Put, $"/api/v1/admin/quotas/{ns}", new StringContent(body, Encoding.UTF8, "application/json"));

    private async Task SetQuotaAsync(string ns, long limit)
    {
        using var response = await PutQuotaAsync(ns, $"{{\"limitBytes\":{limit}}}");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<JsonElement> StartRunAsync(bool dryRun)
    {
        using var response = await Registry.SendAsync(HttpMethod.Post, $"/api/v1/admin/gc/runs?dryRun={(dryRun ? "true" : "false")}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Registry.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<JsonElement> NamespaceRowAsync(string ns) =>
        (await GetJsonAsync("/api/v1/admin/storage")).GetProperty("namespaces").EnumerateArray().Single(r => r.GetProperty("namespace").GetString() == ns);

    private async Task<bool> IsStoredAsync(string digest)
    {
        var driver = Fixture.Server.Services.GetRequiredService<IStorageDriver>();
        try
        {
            await driver.StatAsync(RegistryLayout.BlobData(Digest.Parse(digest)), default);
            return true;
        }
        catch (StorageNotFoundException)
        {
            return false;
        }
    }
}
