using System.Net;
using Berth.Api.Tests.Infrastructure;
using Berth.Registry.Content;
using Berth.Registry.Layout;
using Berth.Storage;
using Berth.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Berth.Api.Tests.CephRgw;

/// <summary>
/// Two nodes on one Ceph RGW bucket. A blob whose layer link a node has seen costs that node one storage round trip per
/// GET (the content read) and per HEAD (the content's stat); the rules of docs/deployment.md ("Caches and consistency between nodes") hold:
/// an unlink on the same node is seen at once, one on another node after Registry:BlobLinkCache:Revalidation, and
/// content collected behind a cached link answers BLOB_UNKNOWN.
/// </summary>
public sealed class CephRgwBlobLinkCacheTests : IAsyncLifetime
{
    private static readonly TimeSpan Revalidation = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _readerTime = new(DateTimeOffset.UtcNow);
        private BerthTestServer? _reader;
    private BerthTestServer? _writer;

    private BerthTestServer Reader => _reader!;

    private BerthTestServer Writer => _writer!;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>(await CephRgwStorage.CreateBucketSettingsAsync())
        {
            ["Registry:BlobLinkCache:Revalidation"] = Revalidation.ToString(),
        };
        _reader = await BerthTestServer.StartAsync(settings, builder => builder.Services.AddSingleton<TimeProvider>(_readerTime));
        _writer = await BerthTestServer.StartAsync(settings);
    }

    public async Task DisposeAsync()
    {
        if (_reader is not null)
        {
            await _reader.DisposeAsync();
        }

        if (_writer is not null)
        {
            await _writer.DisposeAsync();
        }
    }

    [Fact]
    public async Task GetAndHead_OfABlobWhoseLinkWasSeen_CostOneStorageRoundTripEach()
    {
        using var writer = new RegistryClient(Writer.CreateClient());
        using var reader = new RegistryClient(Reader.CreateClient());
        var content = TestContent.Random(300 * 1024);
        var digest = await writer.PushBlobAsync("cache/trips", content);
        var path = $"/v2/cache/trips/blobs/{digest}";
        using (var first = await reader.GetAsync(path))
        {
            await OciAssert.StatusAsync(HttpStatusCode.OK, first);
        }

        using var meter = new ServerMeter(Reader);
        using (var get = await reader.GetAsync(path))
        {
            await OciAssert.StatusAsync(HttpStatusCode.OK, get);
            Assert.Equal(content, await get.Content.ReadAsByteArrayAsync());
        }

        Assert.Equal(new Dictionary<string, long> { ["open_read"] = 1 }, RoundTrips(meter));

        using var headMeter = new ServerMeter(Reader);
        using (var head = await reader.HeadAsync(path))
        {
            await OciAssert.StatusAsync(HttpStatusCode.OK, head);
            Assert.Equal(content.Length, head.Content.Headers.ContentLength);
        }

        Assert.Equal(new Dictionary<string, long> { ["stat"] = 1 }, RoundTrips(headMeter));
    }

    [Fact]
    public async Task Get_OfABlobWhoseLinkWasNotSeen_StatsTheLinkAndTakesTheSizeFromTheContentRead()
    {
        using var writer = new RegistryClient(Writer.CreateClient());
        using var reader = new RegistryClient(Reader.CreateClient());
        var content = TestContent.Random(300 * 1024);
        var digest = await writer.PushBlobAsync("cache/cold", content);

        using var meter = new ServerMeter(Reader);
        using (var get = await reader.GetAsync($"/v2/cache/cold/blobs/{digest}"))
        {
            await OciAssert.StatusAsync(HttpStatusCode.OK, get);
            Assert.Equal(content.Length, get.Content.Headers.ContentLength);
            Assert.Equal(content, await get.Content.ReadAsByteArrayAsync());
        }

        Assert.Equal(new Dictionary<string, long> { ["stat"] = 1, ["open_read"] = 1 }, RoundTrips(meter));
    }

    [Fact]
    public async Task GetWithRange_OfABlobWhoseLinkWasNotSeen_AnswersThePartWithTheWholeSize()
    {
        using var writer = new RegistryClient(Writer.CreateClient());
        using var reader = new RegistryClient(Reader.CreateClient());
        var content = TestContent.Random(100 * 1024);
        var digest = await writer.PushBlobAsync("cache/ranged", content);

        using var get = await reader.GetAsync($"/v2/cache/ranged/blobs/{digest}", ("Range", "bytes=1000-1999"));

        await OciAssert.StatusAsync(HttpStatusCode.PartialContent, get);
        Assert.Equal($"bytes 1000-1999/{content.Length}", get.Content.Headers.ContentRange?.ToString());
        Assert.Equal(content.AsSpan(1000, 1000).ToArray(), await get.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Get_AfterAnotherNodeDeletesTheBlob_IsServedUntilRevalidationThenUnknown()
    {
        using var writer = new RegistryClient(Writer.CreateClient());
        using var reader = new RegistryClient(Reader.CreateClient());
        var digest = await writer.PushBlobAsync("cache/remote", TestContent.Random(4096));
        var path = $"/v2/cache/remote/blobs/{digest}";
        using (var seen = await reader.GetAsync(path))
        {
            await OciAssert.StatusAsync(HttpStatusCode.OK, seen);
        }

        using (var deleted = await writer.DeleteAsync(path))
        {
            await OciAssert.StatusAsync(HttpStatusCode.Accepted, deleted);
        }

        using (var stale = await reader.GetAsync(path))
        {
            await OciAssert.StatusAsync(HttpStatusCode.OK, stale);
        }

        _readerTime.Advance(Revalidation + TimeSpan.FromSeconds(1));

        using var gone = await reader.GetAsync(path);
        await OciAssert.ErrorAsync(gone, HttpStatusCode.NotFound, "BLOB_UNKNOWN");
    }

    [Fact]
    public async Task Get_AfterTheSameNodeDeletesTheBlob_IsUnknownAtOnce()
    {
        using var reader = new RegistryClient(Reader.CreateClient());
        var digest = await reader.PushBlobAsync("cache/local", TestContent.Random(4096));
        var path = $"/v2/cache/local/blobs/{digest}";
        using (var seen = await reader.GetAsync(path))
        {
            await OciAssert.StatusAsync(HttpStatusCode.OK, seen);
        }

        using (var deleted = await reader.DeleteAsync(path))
        {
            await OciAssert.StatusAsync(HttpStatusCode.Accepted, deleted);
        }

        using var get = await reader.GetAsync(path);
        await OciAssert.ErrorAsync(get, HttpStatusCode.NotFound, "BLOB_UNKNOWN");
        using var head = await reader.HeadAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
    }

    [Fact]
    public async Task GetAndHead_OfContentCollectedBehindACachedLink_AnswerBlobUnknown()
    {
        using var reader = new RegistryClient(Reader.CreateClient());
        var content = TestContent.Random(4096);
        var digest = await reader.PushBlobAsync("cache/collected", content);
        var path = $"/v2/cache/collected/blobs/{digest}";
        using (var seen = await reader.GetAsync(path))
        {
            await OciAssert.StatusAsync(HttpStatusCode.OK, seen);
        }

        await DeleteContentAsync(digest);

        using var head = await reader.HeadAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        using var get = await reader.GetAsync(path);
        await OciAssert.ErrorAsync(get, HttpStatusCode.NotFound, "BLOB_UNKNOWN");
        Assert.Null(OciAssert.Header(get, "Docker-Content-Digest"));
    }

    /// <summary>The driver calls that send a request to the store: a presigned URL (redirect_url) is computed locally.</summary>
    private static Dictionary<string, long> RoundTrips(ServerMeter meter) =>
        meter.StorageOperations().Where(o => o.Key != "redirect_url").ToDictionary();

    /// <summary>What garbage collection on the other node does to an unreferenced blob: its data goes, the layer link stays.</summary>
    private Task DeleteContentAsync(string digest) =>
        Writer.Services.GetRequiredService<IStorageDriver>().DeleteAsync(RegistryLayout.BlobData(Digest.Parse(digest)), CancellationToken.None);
}
