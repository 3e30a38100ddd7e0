using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Berth.Cluster.Tests.Infrastructure;
using Berth.Interop.Tests.Http;
using Xunit.Abstractions;

namespace Berth.Cluster.Tests.Faults;

/// <summary>
/// kill -9 of the node serving a large transfer: the client goes on through nginx (an upload from the offset the
/// session reports, a download with Range), another node finishes it, and the shared store passes <c>berth fsck</c>.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class NodeKillTests(ClusterFixture cluster, ITestOutputHelper output)
{
    private const long LargeBlob = 160L * 1024 * 1024;
    private const long Chunk = 32L * 1024 * 1024;

    [Fact]
    public async Task LargeChunkedUpload_NodeKilledMidChunk_ClientResumesFromReportedOffset_AndTheStoreStaysConsistent()
    {
        await cluster.EnsureAllRunningAsync();
        const string repository = "alice/kill-upload";
        const ulong seed = 101;
        var expected = await BlobUploads.Sha256Async(new SeededStream(seed, LargeBlob));
        var token = await RegistryTokens.GetAsync(cluster.BaseAddress, RegistryTokens.PushScope(repository));
        using var http = RegistryTokens.Client(cluster.BaseAddress, token);
        var location = await UploadProtocol.StartAsync(http, repository);
        (location, _) = await UploadProtocol.PatchSeededAsync(http, location, seed, 0, Chunk);

        // The second chunk stops half way; the node holding it open is the one to kill.
        using var gated = new GatedStream(new SeededStream(seed, 2 * Chunk, Chunk), Chunk / 2);
        var interrupted = UploadProtocol.PatchAsync(http, location, gated, Chunk, Chunk);
        await gated.Paused.WaitAsync(TimeSpan.FromSeconds(60));
        var victim = await NodeWithUploadInFlightAsync();
        await victim.KillAsync();
        gated.Release();
        var failure = await Record.ExceptionAsync(() => interrupted);
        Assert.NotNull(failure);

        var (status, offset) = await UploadProtocol.StatusAsync(http, location);
        output.WriteLine($"killed {victim.Name} with an upload in flight; the PATCH failed with: {failure.Message}; status through nginx: {(int)status}, next offset {offset}");
        if (status == HttpStatusCode.NotFound)
        {
            // The session did not survive: a client starts over, which must work just as well.
            location = await UploadProtocol.StartAsync(http, repository);
            offset = 0;
        }

        Assert.NotNull(offset);
        for (var at = offset.Value; at < LargeBlob; at += Chunk)
        {
            (location, _) = await UploadProtocol.PatchSeededAsync(http, location, seed, at, Math.Min(Chunk, LargeBlob - at));
        }

        await UploadProtocol.CompleteAsync(http, location, expected.Digest);
        await victim.StartAsync();

        Assert.Equal(expected, await new BlobUploads(http).DownloadDigestAsync(repository, expected.Digest));
        await AssertStoreConsistentAsync();
    }

    [Fact]
    public async Task LargePull_ServingNodeKilledMidBody_ClientResumesWithRange_AndGetsTheRightBytes()
    {
        await cluster.EnsureAllRunningAsync();
        const string repository = "alice/kill-pull";
        const ulong seed = 102;
        var expected = await BlobUploads.Sha256Async(new SeededStream(seed, LargeBlob));
        var token = await RegistryTokens.GetAsync(cluster.BaseAddress, RegistryTokens.PushScope(repository));
        using var http = RegistryTokens.Client(cluster.BaseAddress, token);
        var location = await UploadProtocol.StartAsync(http, repository);
        for (long at = 0; at < LargeBlob; at += Chunk)
        {
            (location, _) = await UploadProtocol.PatchSeededAsync(http, location, seed, at, Math.Min(Chunk, LargeBlob - at));
        }

        await UploadProtocol.CompleteAsync(http, location, expected.Digest);

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long received;
        ClusterNode victim;
        Exception? failure;
        using (var response = await http.GetAsync($"/v2/{repository}/blobs/{expected.Digest}", HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            victim = Upstreams.NodeOf(cluster, response);
            await using var body = await response.Content.ReadAsStreamAsync();
            received = await CopyToHashAsync(body, hash, LargeBlob / 4);
            await victim.KillAsync();
            var (total, error) = await DrainAsync(body, hash);
            received += total;
            failure = error;
        }

        output.WriteLine($"killed {victim.Name} after {received} of {LargeBlob} bytes; the read ended with: {failure?.Message ?? "(no error)"}");
        Assert.True(received < LargeBlob, $"The whole blob arrived before {victim.Name} was killed: the test did not interrupt anything.");
        Assert.NotNull(failure);

        using (var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/{repository}/blobs/{expected.Digest}"))
        {
            request.Headers.Range = new RangeHeaderValue(received, null);
            using var resumed = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.PartialContent, resumed.StatusCode);
            Assert.NotEqual(victim, Upstreams.NodeOf(cluster, resumed));
            await using var rest = await resumed.Content.ReadAsStreamAsync();
            received += await CopyToHashAsync(rest, hash, long.MaxValue);
        }

        await victim.StartAsync();
        Assert.Equal(expected, ("sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset()), received));
        await AssertStoreConsistentAsync();
    }

    /// <summary>The one node whose upload gauge shows a request streaming a body (nginx passes bodies through unbuffered).</summary>
    private async Task<ClusterNode> NodeWithUploadInFlightAsync()
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var busy = new List<ClusterNode>();
            foreach (var node in cluster.Nodes)
            {
                if (await NodeMetrics.SumAsync(node, "berth_upload_in_flight") > 0)
                {
                    busy.Add(node);
                }
            }

            if (busy.Count == 1)
            {
                return busy[0];
            }

            if (clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"Expected one node with an upload in flight, found {busy.Count}.");
            }

            await Task.Delay(100);
        }
    }

    private async Task AssertStoreConsistentAsync()
    {
        var fsck = await cluster.FsckAsync();
        output.WriteLine(fsck.StandardOutput);
        Assert.True(fsck.ExitCode == 0, $"berth fsck found the store inconsistent (exit {fsck.ExitCode}):\n{fsck.StandardOutput}\n{fsck.StandardError}");
        Assert.Contains("blobs verified", fsck.StandardOutput, StringComparison.Ordinal);
    }

    private static async Task<long> CopyToHashAsync(Stream body, IncrementalHash hash, long limit)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(256 * 1024);
        long copied = 0;
        try
        {
            int read;
            while (copied < limit && (read = await body.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, limit - copied)))) > 0)
            {
                hash.AppendData(buffer, 0, read);
                copied += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return copied;
    }

    /// <summary>Reads what still arrives from a killed node until the connection breaks, keeping every byte that did.</summary>
    private static async Task<(long Total, Exception? Error)> DrainAsync(Stream body, IncrementalHash hash)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(256 * 1024);
        long total = 0;
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                total += read;
            }

            return (total, null);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            return (total, e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
