using System.Threading.RateLimiting;

namespace Berth.Replication.Execution;

/// <summary>A rule's bandwidth limit for one execution: a token bucket of bytes, refilled ten times a second.</summary>
internal sealed class Bandwidth : IDisposable
{
    private readonly TokenBucketRateLimiter _bucket;

    public Bandwidth(long bytesPerSecond)
    {
        var perSecond = (int)Math.Min(int.MaxValue, bytesPerSecond);
        ReadSize = Math.Min(64 * 1024, perSecond);
        _bucket = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = perSecond,
            TokensPerPeriod = Math.Max(1, perSecond / 10),
            ReplenishmentPeriod = TimeSpan.FromMilliseconds(100),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    /// <summary>The most read from a source at once, so no read asks the bucket for more than it holds.</summary>
    public int ReadSize { get; }

    public async ValueTask TakeAsync(int bytes, CancellationToken cancellationToken)
    {
        using var lease = await _bucket.AcquireAsync(bytes, cancellationToken);
    }

    public void Dispose() => _bucket.Dispose();
}
