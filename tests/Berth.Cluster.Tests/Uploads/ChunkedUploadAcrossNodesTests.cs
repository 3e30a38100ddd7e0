using Berth.Cluster.Tests.Infrastructure;
using Berth.Interop.Tests.Http;
using Xunit.Abstractions;

namespace Berth.Cluster.Tests.Uploads;

/// <summary>
/// An upload session lives in the shared store, so any node continues what another started: chunks of one upload
/// land on different nodes, through nginx's round robin or addressed to each node in turn.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ChunkedUploadAcrossNodesTests(ClusterFixture cluster, ITestOutputHelper output)
{
    private const int ChunkSize = 3 * 1024 * 1024 + 17;

    [Fact]
    public async Task ChunkedUpload_ThroughNginx_PatchesLandOnDifferentNodes_AndTheBlobVerifies()
    {
        await cluster.EnsureAllRunningAsync();
        const string repository = "alice/chunked-nginx";
        const long length = 6L * ChunkSize + 1000;
        var expected = await BlobUploads.Sha256Async(new SeededStream(91, length));
        var token = await RegistryTokens.GetAsync(cluster.BaseAddress, RegistryTokens.PushScope(repository));
        using var http = RegistryTokens.Client(cluster.BaseAddress, token);
        var rehashesBefore = await RehashesAsync();

        var location = await UploadProtocol.StartAsync(http, repository);
        var handledBy = new List<string>();
        for (long offset = 0; offset < length; offset += ChunkSize)
        {
            var (next, node) = await UploadProtocol.PatchSeededAsync(http, location, 91, offset, Math.Min(ChunkSize, length - offset));
            location = next;
            handledBy.Add(node);
        }

        await UploadProtocol.CompleteAsync(http, location, expected.Digest);

        output.WriteLine($"PATCHes handled by {string.Join(", ", handledBy)}; uploads re-hashed from stored data: {await RehashesAsync() - rehashesBefore}");
        Assert.True(handledBy.Distinct().Count() >= 2, $"Every PATCH went to one node ({string.Join(", ", handledBy)}): nginx did not spread them.");
        await AssertServedByEveryNodeAsync(repository, expected.Digest, expected.Length);
    }

    [Fact]
    public async Task ChunkedUpload_StartedOnNode1_PatchedOnNodes2And3_ClosedOnNode1_StoresTheBlob()
    {
        await cluster.EnsureAllRunningAsync();
        const string repository = "alice/chunked-direct";
        const long length = 2L * ChunkSize + 5;
        var expected = await BlobUploads.Sha256Async(new SeededStream(92, length));
        var token = await RegistryTokens.GetAsync(cluster.Nodes[0].BaseAddress, RegistryTokens.PushScope(repository));
        var clients = cluster.Nodes.Select(n => RegistryTokens.Client(n.BaseAddress, token)).ToArray();
        try
        {
            var location = await UploadProtocol.StartAsync(clients[0], repository);
            (location, _) = await UploadProtocol.PatchSeededAsync(clients[1], location, 92, 0, ChunkSize);
            (location, _) = await UploadProtocol.PatchSeededAsync(clients[2], location, 92, ChunkSize, ChunkSize);
            (location, _) = await UploadProtocol.PatchSeededAsync(clients[1], location, 92, 2L * ChunkSize, 5);
            await UploadProtocol.CompleteAsync(clients[0], location, expected.Digest);
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }

        await AssertServedByEveryNodeAsync(repository, expected.Digest, expected.Length);
    }

    private async Task<double> RehashesAsync()
    {
        double sum = 0;
        foreach (var node in cluster.Nodes)
        {
            sum += await NodeMetrics.SumAsync(node, "berth_upload_rehash_total");
        }

        return sum;
    }

    private async Task AssertServedByEveryNodeAsync(string repository, string digest, long length)
    {
        var token = await RegistryTokens.GetAsync(cluster.BaseAddress, $"repository:{repository}:pull");
        foreach (var node in cluster.Nodes)
        {
            using var http = RegistryTokens.Client(node.BaseAddress, token);
            Assert.Equal((digest, length), await new BlobUploads(http).DownloadDigestAsync(repository, digest));
        }
    }
}
