using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Berth.Client.Compression;
using Berth.Client.Copy;
using Berth.Client.Transports;
using Berth.Testing;

namespace Berth.Client.Tests.Copy;

/// <summary>A 2 GiB uncompressed layer compressed in parallel and pushed to Berth with the memory of the process flat.</summary>
public sealed class LargeLayerCopyTests
{
    private const long LayerLength = 2L * 1024 * 1024 * 1024;
    private const long MemoryBudget = 400L * 1024 * 1024;

    [Theory]
    [InlineData(LayerCompression.Gzip)]
    [InlineData(LayerCompression.Zstd)]
    public async Task Copy_2GiBUncompressedLayer_CompressesInParallel_WithFlatMemory_AndDecompressesToTheDiffId(LayerCompression algorithm)
    {
        await using var server = await BerthTestServer.StartAsync();
        var source = new GeneratedImageSource(LayerLength);
        var location = RegistryLocation.ParseReference($"{server.HostPort}/large/layer:v1");
        var options = new CopyOptions { Compression = new CompressionSettings { Algorithm = algorithm, Level = 1 } };
        using var process = Process.GetCurrentProcess();
        GC.Collect();
        process.Refresh();
        var baseline = process.WorkingSet64;

        CopyResult result;
        using var sampling = new CancellationTokenSource();
        var peak = SamplePeakAsync(process, sampling.Token);
        await using (var destination = ImageTransports.OpenDestination(location, new RegistryConnection(), options.Jobs))
        using (var copier = new ImageCopier(source, destination, options, new NoProgress()))
        {
            result = await copier.CopyAsync(CancellationToken.None);
        }

        await sampling.CancelAsync();
        var growth = await peak - baseline;
        Assert.True(growth < MemoryBudget, $"The working set grew by {growth / 1048576} MiB while copying a 2 GiB layer (budget {MemoryBudget / 1048576} MiB).");
        Assert.InRange(result.BytesRead, LayerLength, LayerLength + 4096);

        using var http = server.CreateClient();
        var manifest = JsonNode.Parse(await http.GetStringAsync($"/v2/large/layer/manifests/{result.Digest}"))!;
        var layer = manifest["layers"]![0]!;
        await using var compressed = await http.GetStreamAsync($"/v2/large/layer/blobs/{layer["digest"]!.GetValue<string>()}");
        await using Stream decompressed = algorithm == LayerCompression.Gzip ? new GZipStream(compressed, CompressionMode.Decompress) : new ZstdSharp.DecompressionStream(compressed);
        Assert.Equal(source.LayerDigest, "sha256:" + Convert.ToHexStringLower(await SHA256.HashDataAsync(decompressed)));
    }

    private static async Task<long> SamplePeakAsync(Process process, CancellationToken cancellationToken)
    {
        long peak = 0;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
            }
        }
        catch (OperationCanceledException)
        {
            // Sampling ends with the copy.
        }

        return peak;
    }

    private sealed class NoProgress : ICopyProgress
    {
        public void BlobStarted(string digest, string label, long size)
        {
        }

        public void BlobAdvanced(string digest, long bytes)
        {
        }

        public void BlobFinished(string digest, BlobOutcome outcome)
        {
        }

        public void Retrying(Exception error, TimeSpan delay)
        {
        }
    }
}
