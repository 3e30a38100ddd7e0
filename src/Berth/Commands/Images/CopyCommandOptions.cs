using System.CommandLine;
using Berth.Bench;
using Berth.Client.Compression;
using Berth.Client.Copy;
using Berth.Client.Transports;

namespace Berth.Commands.Images;

/// <summary>The options berth copy, push and pull share, and their binding to the client's settings.</summary>
internal sealed class CopyCommandOptions
{
    public Option<string?> Creds { get; } = new("--creds") { Description = "USER:PASSWORD for both registries (default: auth.json / ~/.docker/config.json)." };
    public Option<string?> SourceCreds { get; } = new("--src-creds") { Description = "USER:PASSWORD for the source registry." };
    public Option<string?> DestinationCreds { get; } = new("--dest-creds") { Description = "USER:PASSWORD for the destination registry." };
    public Option<bool> PlainHttp { get; } = new("--plain-http") { Description = "Talk HTTP (not HTTPS) to non-loopback registries; loopback is always plain HTTP." };
    public Option<bool> All { get; } = new("--all", "-a") { Description = "Copy every platform of a multi-platform index, and the index." };
    public Option<string?> Platform { get; } = new("--platform") { Description = "os/arch[/variant] to take from an index (default: this machine's)." };
    public Option<bool> Referrers { get; } = new("--referrers") { Description = "Also copy the referrers (signatures, SBOMs) of each copied manifest." };
    public Option<string> Compress { get; } = new("--compress") { Description = "Compression of uncompressed source layers: gzip or zstd.", DefaultValueFactory = _ => "gzip" };
    public Option<int?> CompressLevel { get; } = new("--compress-level") { Description = "gzip 1-9 (default 6), zstd 1-19 (default 3)." };
    public Option<int> Jobs { get; } = new("--jobs", "-j") { Description = "Blobs transferred at once.", DefaultValueFactory = _ => 4 };
    public Option<int> Threads { get; } = new("--threads") { Description = "Cores one layer's compression may use.", DefaultValueFactory = _ => Environment.ProcessorCount };
    public Option<string> ChunkSize { get; } = new("--chunk-size") { Description = "Upload blobs larger than this in resumable chunks (PATCH).", DefaultValueFactory = _ => "32MiB" };
    public Option<int> Retries { get; } = new("--retries") { Description = "Attempts per request on 5xx, 429 or a dropped connection.", DefaultValueFactory = _ => 5 };
    public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "No progress: print only the digest written (for CI)." };

    public IEnumerable<Option> AllOptions =>
    [
        Creds, SourceCreds, DestinationCreds, PlainHttp, All, Platform, Referrers, Compress, CompressLevel, Jobs, Threads, ChunkSize, Retries, Quiet,
    ];

    public CopyOptions BindCopy(ParseResult result)
    {
        var algorithm = result.GetValue(Compress) switch
        {
            "gzip" => LayerCompression.Gzip,
            "zstd" => LayerCompression.Zstd,
            var other => throw new CopyException(CopyFailure.Usage, $"--compress '{other}' is not gzip or zstd."),
        };
        var level = result.GetValue(CompressLevel);
        if (level is { } given && (given < 1 || given > (algorithm == LayerCompression.Zstd ? 19 : 9)))
        {
            throw new CopyException(CopyFailure.Usage, $"--compress-level {given} is out of range for {result.GetValue(Compress)}.");
        }

        var jobs = result.GetValue(Jobs) is var j and >= 1 ? j : throw new CopyException(CopyFailure.Usage, "--jobs must be 1 or more.");
        var options = new CopyOptions
        {
            Jobs = jobs,
            AllPlatforms = result.GetValue(All),
            Referrers = result.GetValue(Referrers),
            Compression = new CompressionSettings { Algorithm = algorithm, Level = level, Threads = Math.Max(1, result.GetValue(Threads)) },
            Retry = new RetryPolicy { MaxAttempts = Math.Max(1, result.GetValue(Retries)) },
        };
        return result.GetValue(Platform) is { } platform ? options with { Platform = platform } : options;
    }

    public RegistryConnection BindConnection(ParseResult result, bool source)
    {
        var chunk = BenchValueParser.ParseSize(result.GetValue(ChunkSize)!);
        if (chunk is < 64 * 1024 or > 1024 * 1024 * 1024)
        {
            throw new CopyException(CopyFailure.Usage, "--chunk-size must be between 64KiB and 1GiB.");
        }

        return new RegistryConnection
        {
            Credentials = result.GetValue(source ? SourceCreds : DestinationCreds) ?? result.GetValue(Creds),
            PlainHttp = result.GetValue(PlainHttp),
            ChunkSize = (int)chunk,
            Retry = new RetryPolicy { MaxAttempts = Math.Max(1, result.GetValue(Retries)) },
        };
    }
}
