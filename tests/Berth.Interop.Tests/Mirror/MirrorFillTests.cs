using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Berth.Client;
using Berth.Testing;

namespace Berth.Interop.Tests.Mirror;

/// <summary>
/// How the mirror fetches blobs: one upstream GET per blob however many clients pull it at once, clients reading the
/// fill as it grows, a leaving client not stopping it, and wrong bytes never cached. Counted at the upstream.
/// </summary>
public sealed partial class MirrorFillTests : IAsyncLifetime
{
    private readonly UpstreamTap _tap = new();
    private BerthTestServer _upstream = null!;
    private BerthTestServer _mirror = null!;

    public async Task InitializeAsync()
    {
        _upstream = await BerthTestServer.StartAsync(configure: _tap.Install);
        _mirror = await MirrorServer.StartAsync(_upstream.BaseAddress);
    }

    public async Task DisposeAsync()
    {
        await _mirror.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    [Fact]
    public async Task HundredConcurrentPulls_OfAnUncachedImage_AllGetCorrectBytes_AndTheUpstreamSeesOneGetPerBlob()
    {
        var image = TestImage.Create(seed: 1, 3 * 1024 * 1024, 1024 * 1024);
        await image.PushAsync(_upstream.BaseAddress, "fill/hundred", "v1");
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _tap.HoldBlobGets = hold.Task;

        var pulls = Enumerable.Range(0, 100).Select(_ => Task.Run(() => PullAsync("fill/hundred", "v1"))).ToList();

        // Held until every client is in: then they all read one fill per blob instead of arriving one after another.
        await WaitForCoalescedWaitsAsync(expected: 99);
        hold.SetResult();
        var results = await Task.WhenAll(pulls);

        foreach (var pulled in results)
        {
            Assert.Equal(image.ManifestDigest, pulled.ManifestDigest);
            Assert.Equal(image.Blobs.Keys.Order(StringComparer.Ordinal), pulled.BlobDigests.Order(StringComparer.Ordinal));
        }

        foreach (var digest in image.Blobs.Keys)
        {
            Assert.Equal(1, _tap.BlobGets(digest));
            Assert.True(await _mirror.HoldsAsync(digest), $"The mirror did not keep {digest}.");
        }

        Assert.Equal(image.Blobs.Count, _tap.TotalBlobGets);
    }

    [Fact]
    public async Task Clients_ReadTheFillAsItGrows_AndOneLeaving_DoesNotAbortItForTheOthers()
    {
        var image = TestImage.Create(seed: 2, 4 * 1024 * 1024);
        await image.PushAsync(_upstream.BaseAddress, "fill/growing", "v1");
        var layer = image.Blobs.Keys.Single(d => image.Blobs[d].Length == 4 * 1024 * 1024);
        _tap.StallAfterBytes = 1024 * 1024;
        using var http = new HttpClient { BaseAddress = _mirror.BaseAddress };
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));

        // The upstream has sent a quarter of the blob and waits: both clients still get bytes, so neither waits for the end.
        var leaving = await http.GetAsync($"/v2/fill/growing/blobs/{layer}", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, leaving.StatusCode);
        var leavingBody = await leaving.Content.ReadAsStreamAsync(timeout.Token);
        Assert.True(await ReadAtLeastAsync(leavingBody, 512 * 1024, timeout.Token) >= 512 * 1024);
        using var staying = await http.GetAsync($"/v2/fill/growing/blobs/{layer}", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        var stayingBody = await staying.Content.ReadAsStreamAsync(timeout.Token);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[512 * 1024];
        await stayingBody.ReadExactlyAsync(buffer, timeout.Token);
        hash.AppendData(buffer);
        Assert.False(_tap.ResumeStalled.Task.IsCompleted);

        leavingBody.Dispose();
        leaving.Dispose();
        _tap.ResumeStalled.SetResult();
        long total = buffer.Length;
        int read;
        while ((read = await stayingBody.ReadAsync(buffer, timeout.Token)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            total += read;
        }

        Assert.Equal(4 * 1024 * 1024, total);
        Assert.Equal(layer, "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset()));
        Assert.True(await _mirror.HoldsAsync(layer));
        Assert.Equal(1, _tap.BlobGets(layer));
    }

    [Fact]
    public async Task Pull_WhenTheUpstreamServesWrongBytes_FailsAndCachesNothing_ThenSucceedsOnceTheUpstreamIsRight()
    {
        var image = TestImage.Create(seed: 3, 1024 * 1024);
        await image.PushAsync(_upstream.BaseAddress, "fill/corrupt", "v1");
        var layer = image.Blobs.Keys.Single(d => image.Blobs[d].Length == 1024 * 1024);
        _tap.CorruptDigest = layer;
        using var client = RegistryClient.Create(new RegistryClientOptions { BaseAddress = _mirror.BaseAddress });

        Assert.False(await TryDownloadAsync(client, "fill/corrupt", layer), "The client received the whole body of a blob whose bytes did not match its digest.");
        Assert.False(await _mirror.HoldsAsync(layer));

        // Nothing wrong was kept: the next pull asks the upstream again, and fails again.
        Assert.False(await TryDownloadAsync(client, "fill/corrupt", layer));
        Assert.False(await _mirror.HoldsAsync(layer));
        Assert.Equal(2, _tap.BlobGets(layer));

        _tap.CorruptDigest = null;
        await using var good = await client.GetBlobAsync("fill/corrupt", layer, default);
        Assert.Equal(layer, await HashAsync(good.Content));
        Assert.True(await _mirror.HoldsAsync(layer));
    }

    private async Task<PulledImage> PullAsync(string repository, string tag)
    {
        using var client = RegistryClient.Create(new RegistryClientOptions { BaseAddress = _mirror.BaseAddress });
        var manifest = await client.GetManifestAsync(repository, tag, default);
        var json = JsonNode.Parse(manifest.Content)!;
        var digests = new[] { json["config"]!["digest"]!.GetValue<string>() }
            .Concat(json["layers"]!.AsArray().Select(l => l!["digest"]!.GetValue<string>()))
            .ToList();
        var verified = new List<string>();
        foreach (var digest in digests)
        {
            await using var download = await client.GetBlobAsync(repository, digest, default);
            var actual = await HashAsync(download.Content);
            Assert.Equal(digest, actual);
            verified.Add(actual);
        }

        return new PulledImage(TestImage.DigestOf(manifest.Content), verified);
    }

    private static async Task<bool> TryDownloadAsync(RegistryClient client, string repository, string digest)
    {
        try
        {
            await using var download = await client.GetBlobAsync(repository, digest, default);
            await download.Content.CopyToAsync(Stream.Null);
            return true;
        }
        catch (Exception e) when (e is IOException or HttpRequestException or RegistryClientException)
        {
            return false;
        }
    }

    private async Task WaitForCoalescedWaitsAsync(int expected)
    {
        using var http = _mirror.CreateMetricsClient();
        for (var attempt = 0; attempt < 600; attempt++)
        {
            var metrics = await http.GetStringAsync("/metrics");
            var match = CoalescedBlobWaits().Match(metrics);
            if (match.Success && long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= expected)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Fewer than {expected} clients joined the first blob's fill within a minute.");
    }

    private static async Task<string> HashAsync(Stream content) =>
        "sha256:" + Convert.ToHexStringLower(await SHA256.HashDataAsync(content));

    private static async Task<int> ReadAtLeastAsync(Stream stream, int count, CancellationToken cancellationToken)
    {
        var buffer = new byte[count];
        return await stream.ReadAtLeastAsync(buffer, count, throwOnEndOfStream: true, cancellationToken);
    }

    [GeneratedRegex("berth_mirror_coalesced_waits_total\\{[^}]*kind=\"blob\"[^}]*\\} (\\d+)")]
    private static partial Regex CoalescedBlobWaits();

    private sealed record PulledImage(string ManifestDigest, IReadOnlyList<string> BlobDigests);
}
