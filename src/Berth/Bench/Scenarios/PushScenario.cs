using Berth.Bench.Content;

namespace Berth.Bench.Scenarios;

/// <summary>Each client pushes new images of unique content (so nothing deduplicates) to its own tags.</summary>
internal sealed class PushScenario(BenchContext context) : IBenchScenario
{
    public Task PrepareAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task RunOnceAsync(BenchWorker worker, CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        var image = SyntheticImage.Create(context.PushBlobs, settings.Layers, settings.LayerSize, worker.Index, worker.Serial++);
        return context.Transfer.PushAsync(settings.Repository + "-push", $"w{worker.Index}-{worker.Serial}", image, worker, cancellationToken);
    }
}
