namespace Berth.Bench;

/// <summary>Everything one `berth bench` invocation was asked to do.</summary>
internal sealed record BenchSettings
{
    public required BenchScenarioKind Scenario { get; init; }

    public required Uri Registry { get; init; }

    /// <summary>A name for the target in reports and charts (e.g. berth, distribution, nginx).</summary>
    public required string Label { get; init; }

    public required IReadOnlyList<int> Concurrency { get; init; }

    /// <summary>How long each concurrency level runs; null when bounded by <see cref="Count"/>.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Operations per level (images pushed or pulled, manifest requests); null when bounded by time.</summary>
    public long? Count { get; init; }

    public long LayerSize { get; init; } = 16 * 1024 * 1024;

    public int Layers { get; init; } = 1;

    /// <summary>Chunked upload with this chunk size; null for monolithic uploads.</summary>
    public int? ChunkSize { get; init; }

    public string Repository { get; init; } = "bench/image";

    public string Tag { get; init; } = "latest";

    /// <summary>Pull: how many distinct images the clients spread over (1 = all pull the same image).</summary>
    public int Images { get; init; } = 1;

    public bool Verify { get; init; }

    /// <summary>
    /// Pull: each blob is asked of the registry once; where it redirected (a presigned URL on the store), later pulls
    /// fetch it from directly. The store's own throughput, the registry serving only the manifests.
    /// </summary>
    public bool BlobsDirect { get; init; }

    public bool Head { get; init; }

    /// <summary>Push the images the scenario reads before running (off for static servers such as nginx).</summary>
    public bool Seed { get; init; } = true;

    public int ContentSeed { get; init; } = 7;

    public string? Username { get; init; }

    public string? Password { get; init; }

    public IReadOnlyList<int> ServerPids { get; init; } = [];

    public string? JsonPath { get; init; }

    public string? ChartPath { get; init; }

    /// <summary>How often a failed operation is tried again before it counts as an error (a client's retries).</summary>
    public int Retries { get; init; }
}
