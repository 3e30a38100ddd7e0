using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.Index.Metadata;

/// <summary>Reconciles every repository's size once at start and then every Index:SizeReconcileInterval (only at start when zero).</summary>
internal sealed class RepositorySizeWorker(RepositorySizeReconciler reconciler, IOptions<IndexOptions> options, TimeProvider time, ILogger<RepositorySizeWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RunAsync(stoppingToken);
        var interval = options.Value.SizeReconcileInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await RunAsync(stoppingToken);
        }
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            await reconciler.RunAsync(stoppingToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.ReconcileFailed(logger, exception);
        }
    }
}
