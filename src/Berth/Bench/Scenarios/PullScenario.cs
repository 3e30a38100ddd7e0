namespace Berth.Bench.Scenarios;

/// <summary>Each client pulls a whole image (manifest by tag, config, layers); clients spread over --images images.</summary>
internal sealed class PullScenario(BenchContext context) : IBenchScenario
{
    public Task PrepareAsync(CancellationToken cancellationToken) => context.SeedAsync(context.Settings.Images, cancellationToken);

    public Task RunOnceAsync(BenchWorker worker, CancellationToken cancellationToken) =>
        context.Transfer.PullAsync(context.Settings.Repository, context.SeededTag(worker.Index % context.Settings.Images), worker, cancellationToken);
}
