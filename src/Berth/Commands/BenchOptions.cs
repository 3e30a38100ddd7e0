using System.CommandLine;
using Berth.Bench;

namespace Berth.Commands;

/// <summary>The options every bench scenario shares, and their binding to <see cref="BenchSettings"/>.</summary>
internal sealed class BenchOptions
{
    public Option<string> Registry { get; } = new("--registry") { Description = "Registry base URL (loopback only).", DefaultValueFactory = _ => "http://127.0.0.1:5000/" };
    public Option<string?> Label { get; } = new("--label") { Description = "Name of the target in tables, JSON and charts (default: host:port)." };
    public Option<string> Concurrency { get; } = new("--concurrency", "-c") { Description = "Concurrent clients, one level per value: 1,16,64.", DefaultValueFactory = _ => "1,16,64" };
    public Option<string?> Duration { get; } = new("--duration", "-d") { Description = "Time per level (10s, 500ms); default 10s unless --count is given." };
    public Option<long?> Count { get; } = new("--count", "-n") { Description = "Operations per level instead of a duration." };
    public Option<string> LayerSize { get; } = new("--layer-size") { Description = "Size of each layer: 16MiB, 512k…", DefaultValueFactory = _ => "16MiB" };
    public Option<int> Layers { get; } = new("--layers") { Description = "Layers per image.", DefaultValueFactory = _ => 1 };
    public Option<string?> ChunkSize { get; } = new("--chunk-size") { Description = "Push in chunks (PATCH with Content-Range) of this size; default monolithic." };
    public Option<string> Repository { get; } = new("--repository") { Description = "Repository of the seeded images (pushes go to REPOSITORY-push).", DefaultValueFactory = _ => "bench/image" };
    public Option<string> Tag { get; } = new("--tag") { Description = "Tag of the seeded image (TAG-i with --images > 1).", DefaultValueFactory = _ => "latest" };
    public Option<int> Images { get; } = new("--images") { Description = "Distinct images pull clients spread over.", DefaultValueFactory = _ => 1 };
    public Option<bool> Verify { get; } = new("--verify") { Description = "Hash pulled blobs and check their digests." };
    public Option<bool> BlobsDirect { get; } = new("--blobs-direct") { Description = "Pull: fetch each blob straight from where the registry first redirected it (a presigned URL): the store's own throughput." };
    public Option<bool> Head { get; } = new("--head") { Description = "Manifest scenario: HEAD instead of GET." };
    public Option<bool> NoSeed { get; } = new("--no-seed") { Description = "Do not push the images read by pull/manifest/mixed (for static servers)." };
    public Option<int> Seed { get; } = new("--seed") { Description = "Seed of the content bytes; the same seed gives the same images everywhere.", DefaultValueFactory = _ => 7 };
    public Option<string?> Username { get; } = new("--username", "-u") { Description = "User for Basic auth or the token endpoint." };
    public Option<string?> Password { get; } = new("--password", "-p") { Description = "Password for --username." };
    public Option<string?> ServerPid { get; } = new("--server-pid") { Description = "PIDs of the server (comma-separated): report CPU time and RSS." };
    public Option<string?> Json { get; } = new("--json") { Description = "Write the results as JSON to this file." };
    public Option<string?> Chart { get; } = new("--chart") { Description = "Write a chart (.png or .svg) of throughput and latency against concurrency." };
    public Option<int> Retries { get; } = new("--retries") { Description = "Retry a failed operation up to N times; retries are counted apart, and only an operation that fails every try is an error.", DefaultValueFactory = _ => 0 };

    public IEnumerable<Option> All =>
    [
        Registry, Label, Concurrency, Duration, Count, LayerSize, Layers, ChunkSize, Repository, Tag, Images,
        Verify, BlobsDirect, Head, NoSeed, Seed, Username, Password, ServerPid, Json, Chart, Retries,
    ];

    public BenchSettings Bind(ParseResult result, BenchScenarioKind scenario)
    {
        var registry = Uri.TryCreate(result.GetValue(Registry), UriKind.Absolute, out var uri)
            ? uri
            : throw new ArgumentException($"--registry '{result.GetValue(Registry)}' is not an absolute URL such as http://127.0.0.1:5000.");
        if (!registry.IsLoopback)
        {
            throw new ArgumentException($"berth bench only targets loopback registries; {registry} is not one.");
        }

        var count = result.GetValue(Count);
        var duration = result.GetValue(Duration);
        return new BenchSettings
        {
            Scenario = scenario,
            Registry = registry,
            Label = result.GetValue(Label) ?? registry.Authority,
            Concurrency = BenchValueParser.ParseIntList(result.GetValue(Concurrency)!),
            Count = count,
            Duration = duration is not null ? BenchValueParser.ParseDuration(duration) : count is null ? TimeSpan.FromSeconds(10) : null,
            LayerSize = BenchValueParser.ParseSize(result.GetValue(LayerSize)!),
            Layers = result.GetValue(Layers),
            ChunkSize = result.GetValue(ChunkSize) is { } chunk ? checked((int)BenchValueParser.ParseSize(chunk)) : null,
            Repository = result.GetValue(Repository)!,
            Tag = result.GetValue(Tag)!,
            Images = Math.Max(1, result.GetValue(Images)),
            Verify = result.GetValue(Verify),
            BlobsDirect = result.GetValue(BlobsDirect),
            Head = result.GetValue(Head),
            Seed = !result.GetValue(NoSeed),
            ContentSeed = result.GetValue(Seed),
            Username = result.GetValue(Username),
            Password = result.GetValue(Password),
            ServerPids = result.GetValue(ServerPid) is { } pids ? BenchValueParser.ParseIntList(pids) : [],
            JsonPath = result.GetValue(Json),
            ChartPath = result.GetValue(Chart),
            Retries = result.GetValue(Retries) >= 0 ? result.GetValue(Retries) : throw new ArgumentException("--retries must be 0 or more."),
        };
    }
}
