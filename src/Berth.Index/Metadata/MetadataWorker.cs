using Berth.Registry.Events;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Berth.Index.Metadata;

/// <summary>
/// Applies queued registry events in batches of up to <see cref="MaxBatch"/> (pull counts summed per repository),
/// after indexing, once at start, the repositories the registry has and the index does not.
/// </summary>
internal sealed class MetadataWorker(MetadataQueue queue, MetadataApplier applier, MetadataBackfill backfill, ILogger<MetadataWorker> logger) : BackgroundService
{
    public const int MaxBatch = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await BackfillAsync(stoppingToken);
        var batch = new List<RegistryEvent>(MaxBatch);
        var flushes = new List<TaskCompletionSource>();
        while (await queue.Reader.WaitToReadAsync(stoppingToken))
        {
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var work))
            {
                if (work.Event is { } e)
                {
                    batch.Add(e);
                }

                if (work.Flushed is { } flushed)
                {
                    flushes.Add(flushed);
                    break;
                }
            }

            await ApplyAsync(batch, stoppingToken);
            batch.Clear();
            if (queue.TakeResyncRequest())
            {
                await BackfillAsync(stoppingToken);
            }

            flushes.ForEach(f => f.TrySetResult());
            flushes.Clear();
        }
    }

    private async Task ApplyAsync(List<RegistryEvent> batch, CancellationToken stoppingToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            await applier.ApplyAsync(batch, stoppingToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.ApplyFailed(logger, exception, batch.Count);
        }
    }

    private async Task BackfillAsync(CancellationToken stoppingToken)
    {
        try
        {
            await backfill.RunAsync(stoppingToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.BackfillFailed(logger, exception);
        }
    }
}
