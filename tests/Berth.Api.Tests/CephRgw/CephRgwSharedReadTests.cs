using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.CephRgw;

/// <summary>
/// Shared reads on a real Ceph RGW (docs/storage.md, "Shared reads"): concurrent GETs of one blob cost the store one
/// GetObject, every client gets the blob's exact bytes, a client leaving does not break the others, and the spool
/// file is gone afterwards. The first client holds its response unread, so its read (and the fetch it began) is
/// certainly still open when the others arrive: the blob is far larger than the loopback socket buffers.
/// </summary>
public sealed class CephRgwSharedReadTests(CephRgwRegistryFixture fixture) : IClassFixture<CephRgwRegistryFixture>
{
    private const int BlobSize = 32 * 1024 * 1024;
    private const int Clients = 16;

    [Fact]
    public async Task ConcurrentGets_OfOneBlob_ReadItFromTheStoreOnce_AndAClientLeavingBreaksNoOther()
    {
        var (digest, url) = await PushAsync("shared/crowd", TestContent.Random(BlobSize));
        using var http = CreateHttp();
        using var meter = new ServerMeter(fixture.Server);

        var leaving = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, leaving.StatusCode);
        var others = await Task.WhenAll(Enumerable.Range(1, Clients - 1).Select(_ => http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead)));
        leaving.Dispose();

        var received = await Task.WhenAll(others.Select(DigestOfBodyAsync));

        Assert.All(others, r => Assert.Equal(BlobSize, r.Content.Headers.ContentLength));
        Assert.All(received, d => Assert.Equal((digest, (long)BlobSize), d));
        Assert.Equal(1, meter.StoreRequests().GetValueOrDefault("GetObject"));
        Assert.Equal(1, meter.Sum("berth.storage.shared_reads", ("result", "fetched")));
        Assert.Equal(Clients - 1, meter.Sum("berth.storage.shared_reads", ("result", "joined")));
        foreach (var response in others)
        {
            response.Dispose();
        }

        await AssertSpoolEmptyAsync();
    }

    [Fact]
    public async Task ARangeGet_DuringASharedFetch_FollowsIt_AndGetsItsPart()
    {
        var content = TestContent.Random(BlobSize);
        var (_, url) = await PushAsync("shared/range", content);
        using var http = CreateHttp();
        using var meter = new ServerMeter(fixture.Server);

        using (var holding = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Range = new RangeHeaderValue(20_000_000, 20_999_999);
            using var part = await http.SendAsync(request);

            Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
            Assert.Equal(content.AsSpan(20_000_000, 1_000_000).ToArray(), await part.Content.ReadAsByteArrayAsync());
        }

        Assert.Equal(1, meter.StoreRequests().GetValueOrDefault("GetObject"));
        Assert.Equal(1, meter.Sum("berth.storage.shared_reads", ("result", "joined")));
        await AssertSpoolEmptyAsync();
    }

    private async Task<(string Digest, string Url)> PushAsync(string repository, byte[] content)
    {
        using var client = fixture.CreateClient();
        var digest = await client.PushBlobAsync(repository, content);
        return (digest, $"/v2/{repository}/blobs/{digest}");
    }

    private HttpClient CreateHttp() =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue }) { BaseAddress = fixture.Server.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };

    private static async Task<(string Digest, long Length)> DigestOfBodyAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var body = await response.Content.ReadAsStreamAsync();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long length = 0;
        int count;
        while ((count = await body.ReadAsync(buffer)) > 0)
        {
            hash.AppendData(buffer, 0, count);
            length += count;
        }

        return ("sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset()), length);
    }

    /// <summary>The spool file goes once the fetch and its last reader are done (the fetch ends on a task of its own).</summary>
    private async Task AssertSpoolEmptyAsync()
    {
        var spool = Path.Combine(fixture.DataDirectory, "temp", "shared-reads");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (Directory.Exists(spool) && Directory.GetFiles(spool).Length > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.True(Directory.Exists(spool), $"no spool directory at {spool}: did the reads go through shared reads?");
        Assert.Empty(Directory.GetFiles(spool));
    }
}
