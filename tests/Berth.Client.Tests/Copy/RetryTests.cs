using Berth.Client.Copy;
using Berth.Client.Transports;

namespace Berth.Client.Tests.Copy;

/// <summary>A copy rides out a registry answering 503 and 429 by retrying with back-off, and gives up after its attempts.</summary>
public sealed class RetryTests
{
    [Fact]
    public async Task Copy_RegistryAnswering503And429Once_RetriesAndSucceeds()
    {
        await using var registry = await FlakyRegistryServer.StartAsync();
        var source = new GeneratedImageSource(64 * 1024);
        var progress = new CountingProgress();
        var retry = new RetryPolicy { FirstDelay = TimeSpan.Zero, OnRetry = progress.Retrying };

        await using (var destination = ImageTransports.OpenDestination(
            RegistryLocation.ParseReference($"{registry.HostPort}/flaky/app:v1"), new RegistryConnection { Retry = retry }, jobs: 1))
        using (var copier = new ImageCopier(source, destination, new CopyOptions { Jobs = 1, Retry = retry }, progress))
        {
            await copier.CopyAsync(CancellationToken.None);
        }

        Assert.Equal(3, registry.Attempts("blob"));
        Assert.Equal(2, registry.Attempts("manifest"));
        Assert.Equal(2, registry.Blobs.Count);
        Assert.Equal(2, progress.Retries);
    }

    [Fact]
    public async Task Copy_RegistryFailingEveryAttempt_GivesUpWithTheStatus()
    {
        await using var registry = await FlakyRegistryServer.StartAsync();
        var retry = new RetryPolicy { FirstDelay = TimeSpan.Zero, MaxAttempts = 1 };

        await using var destination = ImageTransports.OpenDestination(
            RegistryLocation.ParseReference($"{registry.HostPort}/flaky/app:v1"), new RegistryConnection { Retry = retry }, jobs: 1);
        using var copier = new ImageCopier(new GeneratedImageSource(1024), destination, new CopyOptions { Jobs = 1, Retry = retry }, new CountingProgress());
        var error = await Assert.ThrowsAsync<RegistryClientException>(() => copier.CopyAsync(CancellationToken.None));

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, error.StatusCode);
    }

    [Fact]
    public void DelayBefore_DoublesUpToTheMaximum_WithJitter()
    {
        var retry = new RetryPolicy { FirstDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(4) };

        Assert.InRange(retry.DelayBefore(2).TotalSeconds, 0.75, 1.25);
        Assert.InRange(retry.DelayBefore(3).TotalSeconds, 1.5, 2.5);
        Assert.InRange(retry.DelayBefore(6).TotalSeconds, 3, 5);
    }

    private sealed class CountingProgress : ICopyProgress
    {
        public int Retries { get; private set; }

        public void BlobStarted(string digest, string label, long size)
        {
        }

        public void BlobAdvanced(string digest, long bytes)
        {
        }

        public void BlobFinished(string digest, BlobOutcome outcome)
        {
        }

        public void Retrying(Exception error, TimeSpan delay) => Retries++;
    }
}
