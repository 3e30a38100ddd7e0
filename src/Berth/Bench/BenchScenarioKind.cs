namespace Berth.Bench;

internal enum BenchScenarioKind
{
    Push,
    Pull,
    Manifest,
    Mixed,
}
