using Berth.Bench.Content;

namespace Berth.Bench.Scenarios;

/// <summary>A registry's usual mix: 90 % manifest GETs by tag, 9 % whole-image pulls, 1 % image pushes.</summary>
internal sealed class MixedScenario(BenchContext context) : IBenchScenario
{
    public Task PrepareAsync(CancellationToken cancellationToken) => context.SeedAsync(context.Settings.Images, cancellationToken);

    public async Task RunOnceAsync(BenchWorker worker, CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        var image = worker.Index % settings.Images;
        var roll = Random.Shared.Next(100);
        if (roll < 90)
        {
            var manifest = await context.Client.GetManifestAsync(settings.Repository, context.SeededTag(image), cancellationToken);
            worker.AddRequests(1);
            worker.AddBytes(manifest.Content.Length);
        }
        else if (roll < 99)
        {
            await context.Transfer.PullAsync(settings.Repository, context.SeededTag(image), worker, cancellationToken);
        }
        else
        {
            var pushed = SyntheticImage.Create(context.PushBlobs, settings.Layers, settings.LayerSize, worker.Index, worker.Serial++);
            await context.Transfer.PushAsync(settings.Repository + "-push", $"w{worker.Index}-{worker.Serial}", pushed, worker, cancellationToken);
        }
    }
}
