using System.Net;
using Berth.Interop.Tests.Fixtures;
using Berth.Interop.Tests.Http;
using Berth.Interop.Tests.Layout;

namespace Berth.Interop.Tests.Crash;

/// <summary>
/// SIGKILL during a large chunked upload: nothing partial becomes visible, the store stays whole, and the upload either
/// resumes from the Range the server reports (every acknowledged chunk kept) or, if the server forgot it, starts over.
/// </summary>
[Collection(nameof(SerialTests))]
public sealed class CrashRecoveryTests
{
    private const long ChunkSize = 60L * 1024 * 1024;
    private const long TotalSize = 5 * ChunkSize;
    private const ulong Seed = 0xC4A5;

    [Fact]
    public async Task KillDuringChunkedUpload_ThenRestart_HidesThePartialBlobKeepsTheStoreAndTheUploadCanFinish()
    {
        using var work = new TempDirectory();
        var port = FreePort.Next();
        var dataDirectory = work.Combine("data");
        var skopeo = new Tools.Skopeo();
        var source = new OciLayoutBuilder(work.Combine("source"), seed: 41);
        var image = source.AddImage(layerCount: 2);
        source.Tag("v1", image.Manifest);
        var (digest, _) = await BlobUploads.Sha256Async(new SeededStream(Seed, TotalSize));

        Uri location;
        long acknowledged;
        await using (var berth = await BerthProcess.StartAsync(dataDirectory, port))
        {
            await skopeo.PushAsync(source.Directory, "v1", $"{berth.HostPort}/crash/stable:v1");
            using var http = new HttpClient { BaseAddress = berth.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
            var uploads = new BlobUploads(http);
            location = await uploads.StartAsync("crash/big");
            for (acknowledged = 0; acknowledged < 2 * ChunkSize; acknowledged += ChunkSize)
            {
                location = await uploads.PatchChunkAsync(location, new SeededStream(Seed, acknowledged + ChunkSize, acknowledged), acknowledged, ChunkSize);
            }

            var stalling = new StallingStream(new SeededStream(Seed, TotalSize, acknowledged), ChunkSize / 2);
            using var abandon = new CancellationTokenSource();
            var interrupted = uploads.PatchChunkAsync(location, stalling, acknowledged, ChunkSize, abandon.Token);
            await Task.WhenAny(stalling.Stalled, interrupted);
            Assert.False(interrupted.IsCompleted, "The third chunk should still be in flight when the server is killed.");
            await Task.Delay(500);
            await berth.KillAsync();
            await abandon.CancelAsync();
            await Assert.ThrowsAnyAsync<Exception>(() => interrupted);
        }

        await using (var berth = await BerthProcess.StartAsync(dataDirectory, port))
        {
            using var http = new HttpClient { BaseAddress = berth.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
            using (var head = new HttpRequestMessage(HttpMethod.Head, $"/v2/crash/big/blobs/{digest}"))
            using (var response = await http.SendAsync(head))
            {
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            }

            await skopeo.PullAsync($"{berth.HostPort}/crash/stable:v1", work.Combine("pulled"), "v1");
            LayoutAssert.SameContent(source.Directory, work.Combine("pulled"), "v1");

            var uploads = new BlobUploads(http);
            var (status, range) = await uploads.StatusAsync(location);
            if (status == HttpStatusCode.NotFound)
            {
                // The spec lets a server forget an interrupted upload; then the client starts over.
                location = await uploads.StartAsync("crash/big");
                location = await uploads.PatchChunkAsync(location, new SeededStream(Seed, TotalSize), 0, TotalSize);
            }
            else
            {
                Assert.True(status == HttpStatusCode.NoContent && range is not null, $"Upload status after restart: {(int)status}, Range {range}.");
                var persisted = long.Parse(range.Split('-')[1], System.Globalization.CultureInfo.InvariantCulture) + 1;
                Assert.True(
                    persisted >= acknowledged && persisted <= acknowledged + (ChunkSize / 2),
                    $"After the restart the upload reports Range {range} ({persisted} bytes), but {acknowledged} bytes were acknowledged " +
                    $"with 202 before the kill and at most {ChunkSize / 2} more were sent.");
                location = await uploads.PatchChunkAsync(location, new SeededStream(Seed, TotalSize, persisted), persisted, TotalSize - persisted);
            }

            await uploads.CompleteAsync(location, digest);

            Assert.Equal((digest, TotalSize), await uploads.DownloadDigestAsync("crash/big", digest));
        }
    }
}
