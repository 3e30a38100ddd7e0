using System.Diagnostics;

namespace Berth.Storage.Conformance;

public abstract partial class StorageDriverConformanceTests
{
    /// <summary>
    /// Streams <paramref name="size"/> bytes through a writer (closed and continued half way, as a chunked upload is)
    /// and back, and fails if the process's resident memory grew by more than <paramref name="maxGrowthBytes"/>
    /// meanwhile. Not a [Fact]: a driver for real stores calls it from one test of its own, as it takes a while.
    /// </summary>
    protected async Task AssertStreamsWithFlatMemoryAsync(long size, long maxGrowthBytes)
    {
        var path = PathUnderRoot("huge/data");
        const int chunkSize = (1024 * 1024) + 1;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var sampler = new PeakMemorySampler();

        byte[] firstHalf;
        await using (var writer = await Driver.CreateWriterAsync(path, append: false, None))
        {
            firstHalf = await TestContent.WriteAsync(writer, size / 2, chunkSize, seed: 1, None);
            await writer.CloseAsync(None);
        }

        byte[] secondHalf;
        await using (var writer = await CreateSecondDriver().CreateWriterAsync(path, append: true, None))
        {
            Assert.Equal(size / 2, writer.Size);
            secondHalf = await TestContent.WriteAsync(writer, size - (size / 2), chunkSize, seed: 2, None);
            await writer.CommitAsync(None);
        }

        Assert.Equal(size, (await Driver.StatAsync(path, None)).Size);
        await using (var read = await Driver.OpenReadAsync(path, size / 2, None))
        {
            Assert.Equal(size, read.Size);
            var (length, sha256) = await TestContent.HashAsync(read.Content, None);
            Assert.Equal(size - (size / 2), length);
            Assert.Equal(secondHalf, sha256);
        }

        await using (var whole = await Driver.OpenReadAsync(path, 0, None))
        {
            Assert.Equal(size, whole.Size);
            var stream = whole.Content;
            var buffer = new byte[64 * 1024];
            using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
            var remaining = size / 2;
            while (remaining > 0)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), None);
                Assert.True(read > 0, "the object ended early");
                hash.AppendData(buffer, 0, read);
                remaining -= read;
            }

            Assert.Equal(firstHalf, hash.GetHashAndReset());
        }

        var growth = sampler.PeakBytes - sampler.BaselineBytes;
        Assert.True(growth < maxGrowthBytes, $"resident memory grew by {growth / (1024 * 1024)} MiB while streaming {size / (1024 * 1024)} MiB (limit {maxGrowthBytes / (1024 * 1024)} MiB)");
    }

    private sealed class PeakMemorySampler : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _sampling;
        private long _peak;

        public PeakMemorySampler()
        {
            BaselineBytes = CurrentRss();
            _peak = BaselineBytes;
            _sampling = Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    var rss = CurrentRss();
                    if (rss > Interlocked.Read(ref _peak))
                    {
                        Interlocked.Exchange(ref _peak, rss);
                    }

                    await Task.Delay(50);
                }
            });
        }

        public long BaselineBytes { get; }

        public long PeakBytes => Math.Max(Interlocked.Read(ref _peak), CurrentRss());

        public void Dispose()
        {
            _stop.Cancel();
            _sampling.Wait();
            _stop.Dispose();
        }

        private static long CurrentRss()
        {
            using var process = Process.GetCurrentProcess();
            return process.WorkingSet64;
        }
    }
}
