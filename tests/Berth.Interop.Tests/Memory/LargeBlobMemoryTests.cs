using Berth.Interop.Tests.Crash;
using Berth.Interop.Tests.Fixtures;
using Berth.Interop.Tests.Http;
using Xunit.Abstractions;

namespace Berth.Interop.Tests.Memory;

/// <summary>A 2 GB blob pushed and pulled through a separate Berth process keeps its peak RSS flat.</summary>
[Collection(nameof(SerialTests))]
public sealed class LargeBlobMemoryTests(ITestOutputHelper output)
{
    private const long BlobSize = 2L * 1024 * 1024 * 1024;
    private const long MaxPeakResidentBytes = 200L * 1024 * 1024;

    [Fact]
    public async Task StreamedPushAndPull_Of2GB_KeepsPeakRssUnder200MB()
    {
        await PushPullAndMeasureAsync(streamed: true, seed: 0x5EED1);
    }

    [Fact]
    public async Task MonolithicPushAndPull_Of2GB_KeepsPeakRssUnder200MB()
    {
        await PushPullAndMeasureAsync(streamed: false, seed: 0x5EED2);
    }

    private async Task PushPullAndMeasureAsync(bool streamed, ulong seed)
    {
        using var work = new TempDirectory();
        await using var berth = await BerthProcess.StartAsync(work.Combine("data"), FreePort.Next());
        using var http = new HttpClient { BaseAddress = berth.BaseAddress, Timeout = TimeSpan.FromMinutes(10) };
        var uploads = new BlobUploads(http);
        var (digest, _) = await BlobUploads.Sha256Async(new SeededStream(seed, BlobSize));

        var location = await uploads.StartAsync("memory/big");
        if (streamed)
        {
            location = await uploads.PatchStreamAsync(location, new SeededStream(seed, BlobSize));
            await uploads.CompleteAsync(location, digest);
        }
        else
        {
            await uploads.CompleteAsync(location, digest, new SeededStream(seed, BlobSize), BlobSize);
        }

        var afterPush = berth.PeakResidentBytes();
        var pulled = await uploads.DownloadDigestAsync("memory/big", digest);
        var peak = berth.PeakResidentBytes();

        output.WriteLine($"{(streamed ? "streamed PATCH+PUT" : "monolithic PUT")} of {BlobSize} bytes: VmHWM after push {afterPush / (1024 * 1024)} MiB, after pull {peak / (1024 * 1024)} MiB");
        Assert.Equal((digest, BlobSize), pulled);
        Assert.True(peak < MaxPeakResidentBytes, $"Berth's peak RSS was {peak / (1024 * 1024)} MiB (limit 200 MiB).\nberth log:\n{berth.Log}");
    }
}
