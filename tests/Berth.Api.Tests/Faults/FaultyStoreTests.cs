using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Berth.Registry.Consistency;
using Berth.Storage;
using Berth.Storage.Conformance.Interception;
using Berth.Storage.Filesystem;
using Berth.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Api.Tests.Faults;

/// <summary>
/// Pushes over a store that fails, times out and slows calls at random (seeded, so a failure replays): every request
/// must end (no hang) with success or the spec's error body, nothing half-written may ever be served, and once the
/// faults stop the store must check consistent.
/// </summary>
public sealed class FaultyStoreTests : IAsyncLifetime
{
    private const string Repository = "faults/app";
    private const int Seed = 1414;
    private FaultInjectingStorageDriver? _faulty;
    private BerthTestServer _server = null!;
    private HttpClient _http = null!;

    private FaultInjectingStorageDriver Faulty => _faulty ?? throw new InvalidOperationException("The server did not create its driver.");

    public async Task InitializeAsync()
    {
        var store = Directory.CreateTempSubdirectory("berth-faults-").FullName;
        _server = await BerthTestServer.StartAsync(
            new Dictionary<string, string?> { ["Storage:Driver"] = "faulty" },
            builder => builder.Services.AddStorageDriver("faulty", _ => _faulty = new FaultInjectingStorageDriver(new FilesystemStorageDriver(store), Seed, faultRate: 0.05)),
            dataDirectory: store);
        _http = new HttpClient { BaseAddress = _server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
        Directory.Delete(_server.DataDirectory, recursive: true);
    }

    [Fact]
    public async Task Pushes_OverAFaultyStore_AnswerCleanly_ServeOnlyWholeContent_AndLeaveTheStoreConsistent()
    {
        var random = new Random(Seed);
        var blobs = new Dictionary<string, byte[]>();
        var acknowledged = new Dictionary<string, byte[]>();
        var failures = 0;
        for (var image = 0; image < 30; image++)
        {
            var layers = new List<(string Digest, int Size)>();
            var complete = true;
            foreach (var size in new[] { 300, 40_000, 70_000 })
            {
                var content = new byte[size];
                random.NextBytes(content);
                var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));
                blobs[digest] = content;
                layers.Add((digest, size));
                if (!await PushBlobAsync(content, digest))
                {
                    failures++;
                    complete = false;
                    break;
                }
            }

            if (!complete)
            {
                continue;
            }

            var manifest = Encoding.UTF8.GetBytes(
                $$"""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{{layers[0].Digest}}","size":{{layers[0].Size}}},"layers":[{{string.Join(",", layers.Skip(1).Select(l => $$"""{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"{{l.Digest}}","size":{{l.Size}}}"""))}}]}""");
            using var content2 = new ByteArrayContent(manifest);
            content2.Headers.ContentType = new("application/vnd.oci.image.manifest.v1+json");
            using var put = await _http.PutAsync($"/v2/{Repository}/manifests/v{image}", content2);
            if (put.StatusCode == HttpStatusCode.Created)
            {
                acknowledged[$"v{image}"] = manifest;
            }
            else
            {
                failures++;
                await AssertCleanErrorAsync(put);
            }
        }

        Assert.True(Faulty.Injected > 0 && failures > 0, $"the run should have met faults: {Faulty.Injected} injected, {failures} failed pushes");
        Assert.True(acknowledged.Count > 0, "no push succeeded at all");
        Faulty.Enabled = false;

        foreach (var (tag, manifest) in acknowledged)
        {
            using var response = await _http.GetAsync($"/v2/{Repository}/manifests/{tag}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(manifest, await response.Content.ReadAsByteArrayAsync());
        }

        foreach (var (digest, content) in blobs)
        {
            using var response = await _http.GetAsync($"/v2/{Repository}/blobs/{digest}");
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"GET {digest}: {(int)response.StatusCode}");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
            }
        }

        var report = await _server.Services.GetRequiredService<StoreChecker>().CheckAsync(new StoreCheckOptions { Concurrency = 4 }, default);
        Assert.True(report.IsConsistent, "fsck after the faults: " + string.Join("; ", report.Problems.Select(p => $"{p.Kind} {p.Path}: {p.Detail}")));
    }

    /// <summary>POST then PUT with the digest; true on 201, otherwise asserts a clean error and returns false.</summary>
    private async Task<bool> PushBlobAsync(byte[] content, string digest)
    {
        using var start = await _http.PostAsync($"/v2/{Repository}/blobs/uploads/", null);
        if (start.StatusCode != HttpStatusCode.Accepted)
        {
            await AssertCleanErrorAsync(start);
            return false;
        }

        var location = start.Headers.Location!.ToString();
        using var body = new ByteArrayContent(content);
        body.Headers.ContentType = new("application/octet-stream");
        using var put = await _http.PutAsync(location + (location.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "digest=" + digest, body);
        if (put.StatusCode == HttpStatusCode.Created)
        {
            return true;
        }

        await AssertCleanErrorAsync(put);
        return false;
    }

    private static async Task AssertCleanErrorAsync(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status is >= 400 and < 500 or 500 or 503, $"status {status}: {text}");
        using var json = JsonDocument.Parse(text);
        var error = json.RootElement.GetProperty("errors")[0];
        Assert.False(string.IsNullOrEmpty(error.GetProperty("code").GetString()), text);
        Assert.Equal(JsonValueKind.String, error.GetProperty("message").ValueKind);
    }
}
