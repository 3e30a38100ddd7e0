using Berth.Registry.Retention;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.Registry.GarbageCollection;

/// <summary>
/// The lifecycle schedule inside <c>berth serve</c>: retention (when <see cref="RetentionOptions.Enabled"/>) and garbage
/// collection (when <see cref="GarbageCollectionOptions.Enabled"/>), each first after its initial delay plus one random
/// tenth of the garbage collection interval (so nodes started together do not all try at once; the lease keeps garbage
/// collection to one run anyway), then every interval. When both are due, retention runs first, so the manifests it
/// untags are judged by the same pass's collection. A failed run is logged and retried at its next time.
/// </summary>
internal sealed class GarbageCollectionScheduler(
    GarbageCollector collector,
    RetentionRunner retention,
    IOptions<GarbageCollectionOptions> options,
    IOptions<RetentionOptions> retentionOptions,
    TimeProvider time,
    ILogger<GarbageCollectionScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var retentionSettings = retentionOptions.Value;
        if (!settings.Enabled && !retentionSettings.Enabled)
        {
            return;
        }

        var jitter = TimeSpan.FromTicks((long)(settings.Interval.Ticks * 0.1 * Random.Shared.NextDouble()));
        var start = time.GetUtcNow();
        var nextCollection = settings.Enabled ? start + settings.InitialDelay + jitter : DateTimeOffset.MaxValue;
        var nextRetention = retentionSettings.Enabled ? start + retentionSettings.InitialDelay + jitter : DateTimeOffset.MaxValue;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var due = nextRetention < nextCollection ? nextRetention : nextCollection;
                var wait = due - time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, stoppingToken);
                }

                if (time.GetUtcNow() >= nextRetention)
                {
                    await RunAsync(() => retention.RunAsync(dryRun: false, stoppingToken), retentionSettings.Interval);
                    nextRetention = time.GetUtcNow() + retentionSettings.Interval;
                }

                if (time.GetUtcNow() >= nextCollection)
                {
                    await RunAsync(() => collector.RunAsync(dryRun: false, stoppingToken), settings.Interval);
                    nextCollection = time.GetUtcNow() + settings.Interval;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RunAsync(Func<Task> run, TimeSpan interval)
    {
        try
        {
            await run();
        }
#pragma warning disable CA1031 // A failed run (storage outage) must not stop the server; the next run retries.
        catch (Exception exception) when (exception is not OperationCanceledException)
#pragma warning restore CA1031
        {
            Log.ScheduledRunFailed(logger, exception, interval);
        }
    }
}
