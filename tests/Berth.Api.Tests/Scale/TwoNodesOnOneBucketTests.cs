using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Berth.Api.Tests.Infrastructure;
using Berth.Registry.Consistency;
using Berth.Registry.Manifests;
using Berth.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Berth.Api.Tests.Scale;

/// <summary>
/// Two Berth nodes on one Ceph RGW bucket, as N stateless nodes behind a balancer: what one writes the other serves
/// (tags within the stated revalidation bound), concurrent writers leave a consistent store, and an upload may move
/// between nodes chunk by chunk.
/// </summary>
public sealed partial class TwoNodesOnOneBucketTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _timeA = new(DateTimeOffset.UtcNow);
    private readonly FakeTimeProvider _timeB = new(DateTimeOffset.UtcNow);
    private BerthTestServer _a = null!;
    private BerthTestServer _b = null!;
    private RegistryClient _nodeA = null!;
    private RegistryClient _nodeB = null!;

    public async Task InitializeAsync()
    {
        var settings = await CephRgwStorage.CreateBucketSettingsAsync();
        _a = await BerthTestServer.StartAsync(settings, builder => builder.Services.AddSingleton<TimeProvider>(_timeA));
        _b = await BerthTestServer.StartAsync(settings, builder => builder.Services.AddSingleton<TimeProvider>(_timeB));
        _nodeA = new RegistryClient(_a.CreateClient());
        _nodeB = new RegistryClient(_b.CreateClient());
    }

    public async Task DisposeAsync()
    {
        _nodeA.Dispose();
        _nodeB.Dispose();
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    /// <summary>Steps both nodes' clocks past the manifest cache's revalidation bound, as waiting it out would.</summary>
    private void PassRevalidation()
    {
        var bound = _b.Services.GetRequiredService<IOptions<ManifestCacheOptions>>().Value.Revalidation;
        _timeA.Advance(bound);
        _timeB.Advance(bound);
    }

    [Fact]
    public async Task TagMovedOnNodeA_IsServedByNodeB_OnceTheRevalidationBoundHasPassed()
    {
        var first = await _nodeA.PushImageAsync("scale/tag", "moving");
        Assert.Equal(first.Digest, await ManifestDigestAsync(_nodeB, "scale/tag", "moving"));

        var second = await _nodeA.PushImageAsync("scale/tag", "moving");
        Assert.Equal(first.Digest, await ManifestDigestAsync(_nodeB, "scale/tag", "moving"));
        PassRevalidation();

        Assert.Equal(second.Digest, await ManifestDigestAsync(_nodeB, "scale/tag", "moving"));
    }

    [Fact]
    public async Task SameTagPushedOnBothNodesAtOnce_EndsWithOneWinnerBothPullableAndAConsistentStore()
    {
        for (var round = 0; round < 3; round++)
        {
            var repository = $"scale/race-{round}";
            var one = await _nodeA.PushImageAsync(repository, tag: null);
            var two = await _nodeB.PushImageAsync(repository, tag: null);

            var puts = await Task.WhenAll(
                _nodeA.PutManifestAsync(repository, "latest", one.Manifest, one.MediaType),
                _nodeB.PutManifestAsync(repository, "latest", two.Manifest, two.MediaType));
            Assert.All(puts, p => Assert.Equal(HttpStatusCode.Created, p.StatusCode));
            PassRevalidation();

            var winner = await ManifestDigestAsync(_nodeA, repository, "latest");
            Assert.Contains(winner, new[] { one.Digest, two.Digest });
            Assert.Equal(winner, await ManifestDigestAsync(_nodeB, repository, "latest"));
            foreach (var node in new[] { _nodeA, _nodeB })
            {
                Assert.Equal(one.Digest, await ManifestDigestAsync(node, repository, one.Digest));
                Assert.Equal(two.Digest, await ManifestDigestAsync(node, repository, two.Digest));
            }
        }

        await AssertConsistentAsync();
    }

    [Fact]
    public async Task SameBlobUploadedOnBothNodesAtOnce_IsStoredOnceAndBothUploadsSucceed()
    {
        var content = TestContent.Random(3 * 1024 * 1024);

        var digests = await Task.WhenAll(
            _nodeA.PushBlobAsync("scale/blob-a", content),
            _nodeB.PushBlobAsync("scale/blob-b", content));

        Assert.Equal(digests[0], digests[1]);
        foreach (var (node, repository) in new[] { (_nodeA, "scale/blob-b"), (_nodeB, "scale/blob-a") })
        {
            using var response = await node.GetAsync($"/v2/{repository}/blobs/{digests[0]}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
        }

        var report = await AssertConsistentAsync();
        Assert.Equal(1, report.BlobsVerified);
        Assert.Empty(report.StaleUploads);
    }

    [Fact]
    public async Task ChunkedUploadAlternatingBetweenNodes_CompletesAndRehashesWhereTheHashStateIsNotLocal()
    {
        var chunks = Enumerable.Range(0, 4).Select(_ => TestContent.Random(300 * 1024)).ToArray();
        var content = TestContent.Concat(chunks);
        var digest = TestContent.Sha256(content);
        var rehashesBefore = await RehashesAsync(_a);
        var session = await _nodeA.StartUploadAsync("scale/chunked");
        var location = session.Location;
        long offset = 0;
        for (var i = 0; i < chunks.Length; i++)
        {
            var node = i % 2 == 0 ? _nodeB : _nodeA;
            using var patch = await node.SendAsync(HttpMethod.Patch, PathOf(location), RegistryClient.Chunk(chunks[i], offset));
            Assert.Equal(HttpStatusCode.Accepted, patch.StatusCode);
            offset += chunks[i].Length;
            location = patch.Headers.Location!.OriginalString;
        }

        using var put = await _nodeA.SendAsync(HttpMethod.Put, RegistryClient.WithQuery(PathOf(location), "digest", digest), new ByteArrayContent([]));

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.True(await RehashesAsync(_a) > rehashesBefore, "node A finished an upload whose hash state it did not have, without reading the data back");
        using var pulled = await _nodeB.GetAsync($"/v2/scale/chunked/blobs/{digest}");
        Assert.Equal(content, await pulled.Content.ReadAsByteArrayAsync());
        await AssertConsistentAsync();
    }

    /// <summary>An upload location without its node: the path and query, valid on every node.</summary>
    private static string PathOf(string location) =>
        Uri.TryCreate(location, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : location;

    private static async Task<string> ManifestDigestAsync(RegistryClient node, string repository, string reference)
    {
        using var response = await node.HeadAsync($"/v2/{repository}/manifests/{reference}", ("Accept", MediaTypes.OciManifest));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.GetValues("Docker-Content-Digest").Single();
    }

    private static async Task<long> RehashesAsync(BerthTestServer node)
    {
        using var http = node.CreateMetricsClient();
        var match = Rehashes().Match(await http.GetStringAsync("/metrics"));
        return match.Success ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    private async Task<StoreCheckReport> AssertConsistentAsync()
    {
        var report = await _a.Services.GetRequiredService<StoreChecker>().CheckAsync(new StoreCheckOptions(), default);
        Assert.Empty(report.Problems);
        return report;
    }

    [GeneratedRegex(@"^berth_upload_rehash_total(?:\{[^}]*\})? (\d+)", RegexOptions.Multiline)]
    private static partial Regex Rehashes();
}
