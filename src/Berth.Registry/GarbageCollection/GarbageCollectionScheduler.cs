using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.Registry.GarbageCollection;

/// <summary>
/// Runs garbage collection inside <c>berth serve</c>: first after <see cref="GarbageCollectionOptions.InitialDelay"/>
/// plus a random tenth of the interval (so nodes started together do not all try at once; the lease keeps it to one
/// run anyway), then every <see cref="GarbageCollectionOptions.Interval"/>. A failed run is logged and retried next time.
/// </summary>
internal sealed class GarbageCollectionScheduler(
    GarbageCollector collector,
    IOptions<GarbageCollectionOptions> options,
    TimeProvider time,
    ILogger<GarbageCollectionScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        var jitter = TimeSpan.FromTicks((long)(settings.Interval.Ticks * 0.1 * Random.Shared.NextDouble()));
        try
        {
            await Task.Delay(settings.InitialDelay + jitter, time, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await collector.RunAsync(dryRun: false, stoppingToken);
                }
#pragma warning disable CA1031 // A failed run (storage outage) must not stop the server; the next run retries.
                catch (Exception exception) when (exception is not OperationCanceledException)
#pragma warning restore CA1031
                {
                    Log.ScheduledRunFailed(logger, exception, settings.Interval);
                }

                await Task.Delay(settings.Interval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
