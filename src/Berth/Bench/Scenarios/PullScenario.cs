namespace Berth.Bench.Scenarios;

/// <summary>Each client pulls a whole image (manifest by tag, config, layers); clients spread over --images images.</summary>
internal sealed class PullScenario(BenchContext context) : IBenchScenario
{
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await context.SeedAsync(context.Settings.Images, cancellationToken);
        if (context.Settings.BlobsDirect)
        {
            // Each image pulled once, untimed, through the registry: where it redirects each blob is learnt here, so
            // that the measured pulls fetch every blob from the store.
            for (var image = 0; image < context.Settings.Images; image++)
            {
                await context.Transfer.PullAsync(context.Settings.Repository, context.SeededTag(image), new BenchWorker(-1), cancellationToken);
            }
        }
    }

    public Task RunOnceAsync(BenchWorker worker, CancellationToken cancellationToken) =>
        context.Transfer.PullAsync(context.Settings.Repository, context.SeededTag(worker.Index % context.Settings.Images), worker, cancellationToken);
}
