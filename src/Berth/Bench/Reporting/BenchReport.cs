namespace Berth.Bench.Reporting;

/// <summary>One `berth bench` run: what was measured against which registry, one entry per concurrency level.</summary>
internal sealed record BenchReport(
    string Label,
    string Scenario,
    string Registry,
    int Layers,
    long LayerSize,
    int? ChunkSize,
    int Images,
    DateTimeOffset StartedAt,
    IReadOnlyList<BenchLevelResult> Levels);
