namespace Berth.Bench.Scenarios;

/// <summary>Each client requests the seeded manifest by tag (GET, or HEAD with --head) as fast as it can.</summary>
internal sealed class ManifestScenario(BenchContext context) : IBenchScenario
{
    public Task PrepareAsync(CancellationToken cancellationToken) => context.SeedAsync(1, cancellationToken);

    public async Task RunOnceAsync(BenchWorker worker, CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        if (settings.Head)
        {
            _ = await context.Client.HeadManifestAsync(settings.Repository, settings.Tag, cancellationToken)
                ?? throw new BenchCheckException("manifest missing");
        }
        else
        {
            var manifest = await context.Client.GetManifestAsync(settings.Repository, settings.Tag, cancellationToken);
            worker.AddBytes(manifest.Content.Length);
        }

        worker.AddRequests(1);
    }
}
