namespace Berth.Bench;

/// <summary>What one simulated client does repeatedly; the runner times it and counts its outcome.</summary>
internal interface IBenchScenario
{
    /// <summary>Untimed setup before the levels run (seeding the images a pull reads, for one).</summary>
    Task PrepareAsync(CancellationToken cancellationToken);

    /// <summary>One operation (a manifest request, an image pull or push); throws on failure.</summary>
    Task RunOnceAsync(BenchWorker worker, CancellationToken cancellationToken);
}
